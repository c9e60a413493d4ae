package io.dmicro.drpc.proto.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Meta;
import java.util.List;
import org.junit.jupiter.api.Test;

/** erpc's meta is a URL-query multimap: {@code a=1&a=2} keeps both values, in order. */
class MetaMultimapTest {

    @Test
    void erpcQueryMetaKeepsEveryValueOfARepeatedKey() {
        Meta meta = new Meta();
        MetaEncoding.fromQuery("a=1&b=x&a=2&a=3", meta);
        assertThat(meta.getAll("a")).containsExactly("1", "2", "3");
        assertThat(meta.get("a")).isEqualTo("1"); // the first, as Go's url.Values.Get
        assertThat(meta.getAll("b")).containsExactly("x");
        assertThat(meta.getAll("none")).isEmpty();
        // written back grouped by key, values in order, as Go's url.Values keeps them
        assertThat(MetaEncoding.toQuery(meta)).isEqualTo("a=1&a=2&a=3&b=x");
    }

    @Test
    void setReplacesAllValuesAndCopiesKeepThem() {
        Meta meta = new Meta().add("a", "1").add("a", "2");
        Meta copy = meta.copy();
        assertThat(copy).isEqualTo(meta);
        assertThat(copy.getAll("a")).isEqualTo(List.of("1", "2"));
        meta.set("a", "9");
        assertThat(meta.getAll("a")).containsExactly("9");
        assertThat(copy.getAll("a")).containsExactly("1", "2");
        assertThat(copy).isNotEqualTo(meta);
        Meta target = new Meta().set("a", "old").set("c", "keep");
        target.putAll(copy);
        assertThat(target.getAll("a")).containsExactly("1", "2");
        assertThat(target.get("c")).isEqualTo("keep");
        target.remove("a");
        assertThat(target.getAll("a")).isEmpty();
    }

    @Test
    void drpcJsonMetaCarriesTheFirstValue() {
        Meta meta = new Meta().add("a", "1").add("a", "2");
        assertThat(MetaEncoding.toJson(meta)).isEqualTo("{\"a\":\"1\"}");
    }
}
