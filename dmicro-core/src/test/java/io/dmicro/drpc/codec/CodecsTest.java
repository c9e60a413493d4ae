package io.dmicro.drpc.codec;

import static io.dmicro.drpc.codec.JsonCodecTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CodecsTest {

    private final Codecs codecs = Codecs.defaults();

    @Test
    void defaultsHoldAllBuiltInCodecsWhenLibrariesArePresent() {
        assertThat(codecs.all()).extracting(Codec::name)
                .containsExactly("json", "plain", "form", "protobuf", "xml");
    }

    @Test
    void looksUpById() {
        assertThat(codecs.get((byte) 'j')).isInstanceOf(JsonCodec.class);
        assertThat(codecs.get((byte) 's')).isInstanceOf(PlainCodec.class);
        assertThat(codecs.get((byte) 'f')).isInstanceOf(FormCodec.class);
        assertThat(codecs.get((byte) 'p')).isInstanceOf(ProtobufCodec.class);
        assertThat(codecs.get((byte) 'x')).isInstanceOf(XmlCodec.class);
        assertThat(codecs.get((byte) 'q')).isNull();
        assertThat(codecs.get((byte) 0)).isNull();
    }

    @Test
    void looksUpByName() {
        assertThat(codecs.get("form")).isInstanceOf(FormCodec.class);
        assertThat(codecs.get("yaml")).isNull();
    }

    @Test
    void requireNamesKnownCodecsWhenMissing() {
        assertThatThrownBy(() -> codecs.require("yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown body codec: yaml (known: json, plain, form, protobuf, xml)");
        assertThatThrownBy(() -> codecs.require((byte) 'q'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown body codec: 'q' (known: json");
        assertThat(codecs.require((byte) 'j').name()).isEqualTo("json");
    }

    @Test
    void findsCodecByContentTypeIgnoringParametersAndCase() {
        assertThat(codecs.forContentType("Application/JSON; charset=UTF-8"))
                .isInstanceOf(JsonCodec.class);
        assertThat(codecs.forContentType("text/plain")).isInstanceOf(PlainCodec.class);
        assertThat(codecs.forContentType("application/x-www-form-urlencoded"))
                .isInstanceOf(FormCodec.class);
        assertThat(codecs.forContentType("application/x-protobuf"))
                .isInstanceOf(ProtobufCodec.class);
        assertThat(codecs.forContentType("text/xml;charset=utf-8")).isInstanceOf(XmlCodec.class);
        assertThat(codecs.forContentType("image/png")).isNull();
    }

    @Test
    void rejectsIdZero() {
        assertThatThrownBy(() -> Codecs.builder().add(new FakeCodec((byte) 0, "none")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none")
                .hasMessageContaining("id 0");
    }

    @Test
    void rejectsDuplicateId() {
        assertThatThrownBy(() -> codecs.toBuilder().add(new FakeCodec((byte) 'j', "json2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot register body codec json2 (id 'j'): id already used by json");
    }

    @Test
    void rejectsDuplicateName() {
        assertThatThrownBy(() -> codecs.toBuilder().add(new FakeCodec((byte) 'J', "json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot register body codec json (id 'J'): "
                        + "name already used by the codec with id 'j'");
    }

    @Test
    void toBuilderLeavesOriginalUnchanged() {
        Codecs more = codecs.toBuilder()
                .remove("json")
                .add(new FakeCodec((byte) 'j', "json"))
                .build();
        assertThat(more.get("json")).isInstanceOf(FakeCodec.class);
        assertThat(codecs.get("json")).isInstanceOf(JsonCodec.class);
    }

    @Test
    void encodesNullBodyAsEmpty() {
        assertThat(codecs.encodeBody(null, (byte) 'j')).isEmpty();
        assertThat(codecs.encodeBody(null, (byte) 0)).isEmpty();
    }

    @Test
    void passesBytesThroughWhateverTheCodec() {
        byte[] raw = {1, 2, 3};
        assertThat(codecs.encodeBody(raw, (byte) 'j')).isEqualTo(raw);
        assertThat(codecs.encodeBody(raw, (byte) 'p')).isEqualTo(raw);
        assertThat(codecs.encodeBody(raw, (byte) 0)).isEqualTo(raw);
        assertThat(codecs.decodeBody(raw, (byte) 'j', byte[].class)).isEqualTo(raw);
        assertThat(codecs.decodeBody(raw, (byte) 0, byte[].class)).isEqualTo(raw);
    }

    @Test
    void encodesWithSelectedCodec() {
        assertThat(codecs.encodeBody(Map.of("a", 1), (byte) 'j')).isEqualTo(utf8("{\"a\":1}"));
        assertThat(codecs.encodeBody(Map.of("a", 1), (byte) 'f')).isEqualTo(utf8("a=1"));
    }

    @Test
    void rejectsEncodingNonBytesWithoutCodec() {
        assertThatThrownBy(() -> codecs.encodeBody("text", (byte) 0))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("id 0");
    }

    @Test
    void rejectsUnknownCodecId() {
        assertThatThrownBy(() -> codecs.encodeBody("text", (byte) 'q'))
                .isInstanceOf(CodecException.class)
                .hasMessage("unknown body codec id 'q'");
        assertThatThrownBy(() -> codecs.decodeBody(utf8("x"), (byte) 7, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessage("unknown body codec id 7");
    }

    @Test
    void decodesEmptyBodyAsNullOrEmptyString() {
        assertThat(codecs.decodeBody(new byte[0], (byte) 'j', Map.class)).isNull();
        assertThat(codecs.decodeBody(new byte[0], (byte) 'j', String.class)).isEqualTo("");
        assertThat(codecs.decodeBody(new byte[0], (byte) 0, Map.class)).isNull();
        assertThat(codecs.decodeBody(new byte[0], (byte) 'q', Map.class)).isNull();
    }

    @Test
    void rejectsDecodingNonBytesWithoutCodec() {
        assertThatThrownBy(() -> codecs.decodeBody(utf8("x"), (byte) 0, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("id 0");
    }

    @Test
    void decodesWithSelectedCodec() {
        assertThat(codecs.decodeBody(utf8("42"), (byte) 's', Integer.class)).isEqualTo(42);
        assertThat(codecs.decodeBody(utf8("\"hi\""), (byte) 'j', String.class)).isEqualTo("hi");
    }

    @Test
    void allIsUnmodifiable() {
        assertThatThrownBy(() -> codecs.all().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    record FakeCodec(byte id, String name) implements Codec {
        @Override
        public String contentType() {
            return "application/fake";
        }

        @Override
        public byte[] encode(@Nullable Object value) {
            return new byte[0];
        }

        @Override
        public @Nullable Object decode(byte[] data, Type type) {
            return null;
        }
    }
}
