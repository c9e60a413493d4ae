package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
        return IntStream.of(0, 1, 2, 3, 4, 5, 57, 100, 1000, 65_536, 65_537, 200_003, 1 << 20).mapToObj(n -> {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        });
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void writesTheSameTextAsJacksonAndReadsItBack(byte[] data) {
        String jacksons = new String(plain.encode(new Blob(9, data)), StandardCharsets.UTF_8);
        // The first large body of a class sets the size hint; the second takes the large body's way.
        for (int pass = 0; pass < 2; pass++) {
            byte[] ours = codec.encode(new Blob(9, data));
            assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(jacksons);
            assertThat(((Blob) codec.decode(ours, Blob.class)).data()).isEqualTo(data);
            assertThat((byte[]) codec.decode(codec.encode(data), byte[].class)).isEqualTo(data);
        }
    }

    record Parts(List<byte[]> parts, String name, byte[] last) {
    }

    @Test
    void aLargeBodyOfSizesOtherThanTheHintAndManyArraysComesOutAsJacksonsDoes() {
        Random random = new Random(7);
        for (int n : new int[] {300_000, 70_000, 10, 500_001, 1}) {
            byte[] a = new byte[n];
            byte[] b = new byte[n / 2 + 1];
            random.nextBytes(a);
            random.nextBytes(b);
            Parts value = new Parts(List.of(a, b, new byte[0]), "p", a);
            byte[] ours = codec.encode(value);
            assertThat(new String(ours, StandardCharsets.UTF_8))
                    .isEqualTo(new String(plain.encode(value), StandardCharsets.UTF_8));
            Parts back = (Parts) codec.decode(ours, Parts.class);
            assertThat(back.parts()).hasSize(3);
            assertThat(back.parts().get(0)).isEqualTo(a);
            assertThat(back.parts().get(1)).isEqualTo(b);
            assertThat(back.parts().get(2)).isEmpty();
            assertThat(back.last()).isEqualTo(a);
            assertThat(back.name()).isEqualTo("p");
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes(@JsonSubTypes.Type(value = Tagged.class, name = "tagged"))
    interface Shape {
    }

    record Tagged(byte[] data) implements Shape {
    }

    /** The type id after the data makes Jackson buffer the tokens: the bytes come from the buffer. */
    @Test
    void aLargeStringJacksonBufferedIsReadFromTheBuffer() {
        byte[] data = new byte[100_000];
        new Random(3).nextBytes(data);
        String body = "{\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\",\"kind\":\"tagged\"}";
        Shape back = (Shape) codec.decode(body.getBytes(StandardCharsets.US_ASCII), Shape.class);
        assertThat(((Tagged) back).data()).isEqualTo(data);
    }

    /**
     * The same odd inputs inside a large body, where the string is decoded from the body itself
     * when it is plain base64: an escape, a line feed, garbage or a cut-off body must still get
     * Jackson's answer.
     */
    @ParameterizedTest
    @MethodSource("largeOddInputs")
    void inALargeBodyAcceptsAndRejectsExactlyWhatJacksonDoes(String body) {
        answersAsJacksonDoes(body.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<String> largeOddInputs() {
        byte[] data = new byte[90_000];
        new Random(5).nextBytes(data);
        String b64 = Base64.getEncoder().encodeToString(data);
        int slash = b64.indexOf('/');
        // A large unknown property before the data makes even the cut-off body a large one.
        String head = "{\"id\":1,\"pad\":\"" + "x".repeat(70_000) + "\",\"data\":";
        List<String> bodies = Stream.of(
                "\"" + b64 + "\"",                                          // plain, large
                "\"" + b64.substring(0, slash) + "\\/" + b64.substring(slash + 1) + "\"", // '/' escaped as JSON allows
                "\"" + b64.substring(0, 40_000) + "\\n" + b64.substring(40_000) + "\"",    // a line feed inside
                "\"" + b64.substring(0, 40_000) + "?" + b64.substring(40_001) + "\"",     // not the alphabet
                "\"" + b64.substring(0, b64.length() - 2) + "\"")                      // padding cut off
                .map(json -> head + json + "}")
                .collect(Collectors.toCollection(ArrayList::new));
        bodies.add(head + "\"" + b64.substring(0, 50_001)); // the body ends inside the string
        return bodies.stream();
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
        answersAsJacksonDoes(("{\"id\":1,\"data\":" + json + "}").getBytes(StandardCharsets.UTF_8));
    }

    private void answersAsJacksonDoes(byte[] body) {
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
