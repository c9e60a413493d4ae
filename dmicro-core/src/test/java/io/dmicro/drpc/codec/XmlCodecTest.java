package io.dmicro.drpc.codec;

import static io.dmicro.drpc.codec.JsonCodecTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlCodecTest {

    record Item(String name, int count) {
    }

    static final class Order {
        public String id = "";
        public List<Item> items = List.of();
    }

    private final XmlCodec codec = new XmlCodec();

    @Test
    void roundTripsRecord() {
        Item item = new Item("nut <&> bolt", 12);
        assertThat(codec.decode(codec.encode(item), Item.class)).isEqualTo(item);
    }

    @Test
    void roundTripsPojoWithList() {
        Order order = new Order();
        order.id = "o-1";
        order.items = List.of(new Item("a", 1), new Item("b", 2));
        Order back = (Order) codec.decode(codec.encode(order), Order.class);
        assertThat(back.id).isEqualTo("o-1");
        assertThat(back.items).isEqualTo(order.items);
    }

    @Test
    void encodesNullAsEmpty() {
        assertThat(codec.encode(null)).isEmpty();
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> codec.decode(utf8("<Item><name>x</Item>"), Item.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("xml codec");
    }

    @Test
    void doesNotResolveExternalEntities(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top-secret");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE Item [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]><Item><name>&x;</name><count>1</count></Item>";
        Object decoded;
        try {
            decoded = codec.decode(utf8(xml), Item.class);
        } catch (CodecException refused) {
            return;
        }
        assertThat(((Item) decoded).name()).doesNotContain("top-secret");
    }
}
