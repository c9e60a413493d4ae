package io.dmicro.drpc.proto.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Meta;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Meta JSON as Go's encoding/json writes the original's meta map. The expected texts are what a
 * Go DMicro v1.3.1 peer put on the wire (captured by dmicro-interop-tests' WireBytesInteropTest,
 * which checks them against the live Go peer).
 */
class MetaEncodingGoJsonTest {

    @Test
    void sortsKeysAndEscapesHtmlCharactersAsGo() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zeta", "<b>&</b>");
        m.put("alpha", "1");
        m.put("Mid", "x y");
        assertThat(MetaEncoding.toJson(new Meta(m)))
                .isEqualTo("{\"Mid\":\"x y\",\"alpha\":\"1\",\"zeta\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"}");
    }

    @Test
    void escapesControlCharactersLineSeparatorsAndLoneSurrogatesAsGo() {
        Meta meta = new Meta(Map.of("k", "a\"b\\c\b\f\n\r\t\u0001\u001f\u2028\u2029\ud800 \ud83d\ude00é"));
        assertThat(MetaEncoding.toJson(meta))
                .isEqualTo("{\"k\":\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\\u2028\\u2029\\ufffd \ud83d\ude00é\"}");
    }

    @Test
    void ordersKeysByCodePointLikeGosByteOrder() {
        // U+FF21 sorts before U+1F600 in UTF-8 bytes (and code points), after it in UTF-16 units
        Meta meta = new Meta(Map.of("\ud83d\ude00", "1", "\uff21", "2", "B", "3", "a", "4"));
        assertThat(MetaEncoding.toJson(meta)).isEqualTo("{\"B\":\"3\",\"a\":\"4\",\"\uff21\":\"2\",\"\ud83d\ude00\":\"1\"}");
    }

    @Test
    void readsWhatItWrites() {
        Meta meta = new Meta(Map.of("x", "<&>\u2028\n", "y", ""));
        Meta back = new Meta();
        MetaEncoding.fromJson(MetaEncoding.toJson(meta), back);
        assertThat(back.asMap()).isEqualTo(meta.asMap());
    }

    @Test
    void readsPlainStringsAndEverythingElseAlike() {
        // without escapes and whitespace (as a deadline travels), with them, and with a non-string value
        assertThat(read("{\"X-Drpc-Timeout\":\"2999\",\"\":\"\",\"k\":\"é v\"}"))
                .containsExactly(Map.entry("X-Drpc-Timeout", "2999"), Map.entry("", ""), Map.entry("k", "é v"));
        assertThat(read("{\"a\":\"x\\\"y\",\"b\":\"\\u003c\"}")).containsExactly(Map.entry("a", "x\"y"), Map.entry("b", "<"));
        assertThat(read("{ \"a\" : \"1\" }")).containsExactly(Map.entry("a", "1"));
        assertThat(read("{\"a\":\"1\",\"n\":2}")).containsExactly(Map.entry("a", "1"), Map.entry("n", "2"));
        assertThat(read("{\"a\":\"1\",\"a\":\"2\"}")).containsExactly(Map.entry("a", "2"));
    }

    @Test
    void refusesBrokenMetaWithOrWithoutEscapes() {
        for (String bad : new String[] {"{\"a\":\"1\",}", "{\"a\":\"1\"", "{\"a\"\"1\"}", "[\"a\"]"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void writesTheSameBytesStraightAsThroughText() {
        for (Meta meta : new Meta[] {new Meta(Map.of(Meta.TIMEOUT, "2999")), new Meta(Map.of("k", "")),
                new Meta(Map.of("k", "<b>")), new Meta(Map.of("k", "é")), new Meta(Map.of("k\"", "1")),
                new Meta(Map.of("k", "a\\b")), new Meta(Map.of("k", "\u007f")), new Meta(Map.of("b", "1", "a", "2"))}) {
            assertThat(MetaEncoding.toJsonBytes(meta)).as(meta.asMap().toString())
                    .isEqualTo(MetaEncoding.toJson(meta).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsFlatAsciiMetaFromTheBufferAsFromText() {
        for (String json : new String[] {"{\"X-Drpc-Timeout\":\"2999\"}", "{\"a\":\"1\",\"b\":\"\"}",
                "{\"a\":\"1\",\"a\":\"2\"}", "{\"\":\"\"}", "{\"k\":\"<&> x\"}",
                "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\",\"e\":\"5\"}"}) {
            Meta fast = new Meta();
            byte[] in = framed(json);
            assertThat(MetaEncoding.readFlatAscii(in, 3, in.length - 6, fast)).as(json).isTrue();
            assertThat(fast.asMap()).as(json).containsExactlyEntriesOf(read(json));
        }
        Meta deadline = new Meta();
        byte[] in = framed("{\"X-Drpc-Timeout\":\"5\"}");
        assertThat(MetaEncoding.readFlatAscii(in, 3, in.length - 6, deadline)).isTrue();
        assertThat(deadline.asMap().keySet()).singleElement().isSameAs(Meta.TIMEOUT);
    }

    @Test
    void readsUtf8BytesAsTheirText() {
        for (String json : new String[] {"{\"X-Drpc-Timeout\":\"2999\"}", "{\"k\":\"é\"}", "{ \"a\" : \"1\" }", "{}", ""}) {
            Meta fromBytes = new Meta();
            MetaEncoding.fromJson(json.getBytes(StandardCharsets.UTF_8), fromBytes);
            assertThat(fromBytes.asMap()).as(json).isEqualTo(read(json));
        }
    }

    @Test
    void leavesEverythingButFlatAsciiToTheTextReader() {
        // escapes, whitespace, non-strings, non-ASCII and broken meta: nothing read, for fromJson to read or refuse
        for (String json : new String[] {"{\"a\":\"x\\\"y\"}", "{ \"a\" : \"1\" }", "{\"n\":2}", "{\"k\":\"é\"}",
                "{\"a\":\"1\",}", "{\"a\":\"1\"", "{\"a\"\"1\"}", "[\"a\"]", "{\"a\":\"1\"}}", "{}"}) {
            Meta meta = new Meta();
            byte[] in = framed(json);
            assertThat(MetaEncoding.readFlatAscii(in, 3, in.length - 6, meta)).as(json).isFalse();
            assertThat(meta.isEmpty()).as(json).isTrue();
        }
    }

    /** The JSON between three bytes before and after it, so a read that strays out of its range shows. */
    private static byte[] framed(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] in = new byte[text.length + 6];
        System.arraycopy(new byte[] {'{', '"', '}'}, 0, in, 0, 3);
        System.arraycopy(text, 0, in, 3, text.length);
        System.arraycopy(new byte[] {'"', '}', '}'}, 0, in, text.length + 3, 3);
        return in;
    }

    private static Map<String, String> read(String json) {
        Meta meta = new Meta();
        MetaEncoding.fromJson(json, meta);
        return meta.asMap();
    }
}
