package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The default codec's base64 must write and accept exactly what Jackson's own does. */
class FastBase64BytesTest {

    record Blob(long id, byte[] data) {
    }

    private final JsonCodec codec = new JsonCodec();
    private final ObjectMapper jacksons = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final JsonCodec plain = new JsonCodec(jacksons);

    static Stream<byte[]> payloads() {
        Random random = new Random(15);
        return IntStream.of(0, 1, 2, 3, 4, 5, 57, 100, 1000, 65_536).mapToObj(n -> {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        });
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void writesTheSameTextAsJacksonAndReadsItBack(byte[] data) {
        byte[] ours = codec.encode(new Blob(9, data));
        assertThat(new String(ours, StandardCharsets.UTF_8))
                .isEqualTo(new String(plain.encode(new Blob(9, data)), StandardCharsets.UTF_8));
        assertThat(((Blob) codec.decode(ours, Blob.class)).data()).isEqualTo(data);
        assertThat((byte[]) codec.decode(codec.encode(data), byte[].class)).isEqualTo(data);
    }

    /** Inputs off the fast path: Jackson's deserializer decides, so the result is Jackson's. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"\"",                       // empty
        "\"AQID\"",                   // plain, short
        "\"AQ==\"",                   // padded
        "\"AQ\"",                     // unpadded: Jackson requires the padding
        "\"AQ\\u003d\\u003d\"",       // padding written as JSON escapes
        "\"AQID\\nBAUG\"",            // a line feed inside, as MIME writers break lines
        "\"AQ==AQ==\"",               // padding in the middle
        "\"A?ID\"",                   // not the base64 alphabet
        "\"AQIDé===\"",              // not ASCII
        "[1,2,3]",                    // an array of numbers
        "null",
        "42",
    })
    void acceptsAndRejectsExactlyWhatJacksonDoes(String json) {
        byte[] body = ("{\"id\":1,\"data\":" + json + "}").getBytes(StandardCharsets.UTF_8);
        Object expected;
        try {
            expected = ((Blob) plain.decode(body, Blob.class)).data();
        } catch (CodecException jacksonRejects) {
            assertThatThrownBy(() -> codec.decode(body, Blob.class)).isInstanceOf(CodecException.class)
                    .hasMessageContaining("cannot decode");
            return;
        }
        assertThat(((Blob) codec.decode(body, Blob.class)).data()).isEqualTo(expected);
    }
}
