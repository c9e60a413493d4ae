package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** Large bodies get the parser that reads base64 in place; it must leave the parser where Jackson's would. */
class LargeBodyParserTest {

    private final JsonFactory factory = new LargeBodyJsonFactory(JsonFactory.builder());

    private static String largeBase64(Random random) {
        byte[] data = new byte[JsonCodec.LARGE_BODY];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    @Test
    void onlyALargeUtf8BodyWithoutAByteOrderMarkGetsIt() {
        String text = "{\"a\":\"" + largeBase64(new Random(1)) + "\"}";
        assertThat(factory.createParser(ObjectReadContext.empty(), text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LargeBodyParser.class);
        assertThat(factory.copy().createParser(ObjectReadContext.empty(), text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LargeBodyParser.class);
        assertThat(factory.createParser(ObjectReadContext.empty(), "{\"a\":\"AQID\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotInstanceOf(LargeBodyParser.class);
        assertThat(factory.createParser(ObjectReadContext.empty(), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8)))
                .isNotInstanceOf(LargeBodyParser.class);
        assertThat(factory.createParser(ObjectReadContext.empty(), text.getBytes(StandardCharsets.UTF_16LE)))
                .isNotInstanceOf(LargeBodyParser.class);
    }

    /** The same tokens, values and offsets as Jackson's parser, around strings read as binary and not. */
    @Test
    void leavesTheParserWhereJacksonsWouldBe() {
        Random random = new Random(2);
        String first = largeBase64(random);
        String second = largeBase64(random);
        String text = "{\"a\":\"" + first + "\",\"n\":7,\"b\":[\"" + second + "\",\"AQ==\"],\"s\":\"" + second + "\"}";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try (JsonParser ours = factory.createParser(ObjectReadContext.empty(), body);
                JsonParser jacksons = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), body)) {
            assertThat(ours).isInstanceOf(LargeBodyParser.class);
            int binaries = 0;
            for (JsonToken token; (token = jacksons.nextToken()) != null; ) {
                assertThat(ours.nextToken()).isEqualTo(token);
                if (token == JsonToken.VALUE_STRING && !"s".equals(jacksons.currentName())) {
                    byte[] expected = jacksons.getBinaryValue();
                    assertThat(ours.getBinaryValue()).isEqualTo(expected);
                    assertThat(ours.getBinaryValue()).as("asked twice").isEqualTo(expected);
                    binaries++;
                } else if (token == JsonToken.VALUE_STRING) {
                    assertThat(ours.getString()).isEqualTo(jacksons.getString()); // read as text, as Jackson does
                }
                assertThat(ours.currentName()).isEqualTo(jacksons.currentName());
                assertThat(ours.currentTokenLocation().getByteOffset())
                        .isEqualTo(jacksons.currentTokenLocation().getByteOffset());
            }
            assertThat(ours.nextToken()).isNull();
            assertThat(binaries).isEqualTo(3);
        }
    }

    @Test
    void findsTheQuoteAtEveryPositionInAStep() {
        byte[] b = "AAAAAAAAAAAAAAAAAAAAAAAA".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < b.length; at++) {
            byte[] copy = b.clone();
            copy[at] = '"';
            assertThat(LargeBodyParser.quote(copy, 0, copy.length)).isEqualTo(at);
            assertThat(LargeBodyParser.quote(copy, 0, at)).as("not before the end given").isEqualTo(-1);
        }
        assertThat(LargeBodyParser.quote(b, 0, b.length)).isEqualTo(-1);
    }
}
