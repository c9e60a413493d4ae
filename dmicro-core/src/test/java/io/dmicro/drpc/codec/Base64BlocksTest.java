package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Coding in blocks must give what the JDK's coder gives on the whole array, and refuse what it refuses. */
class Base64BlocksTest {

    static IntStream sizes() {
        int b = Base64Blocks.DATA_BLOCK;
        return IntStream.of(1, 2, 3, 100, b - 1, b, b + 1, b + 2, 2 * b, 2 * b + 1, 3 * b - 2, 1 << 20);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void codesAsTheJdkDoesOnTheWholeArray(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        LargeBodyOutput out = new LargeBodyOutput(16);
        Base64Blocks.encode(data, out);
        byte[] text = out.toByteArray();
        assertThat(text).isEqualTo(Base64.getEncoder().encode(data));

        byte[] framed = new byte[text.length + 7]; // the text inside a larger array, as in a body
        System.arraycopy(text, 0, framed, 3, text.length);
        assertThat(Base64Blocks.decode(framed, 3, 3 + text.length)).isEqualTo(data);
    }

    static Stream<String> refused() {
        byte[] data = new byte[3 * Base64Blocks.DATA_BLOCK];
        new Random(1).nextBytes(data);
        String text = Base64.getEncoder().encodeToString(data);
        int blockEnd = Base64Blocks.TEXT_BLOCK;
        return Stream.of(
                "====",
                text.substring(0, blockEnd - 2) + "==" + text.substring(blockEnd),     // padding ends the first block
                text.substring(0, blockEnd - 1) + "=" + text.substring(blockEnd),      // padding ends the first block
                text.substring(0, 100) + "=" + text.substring(101),                   // padding inside a block
                text.substring(0, 5000) + "?" + text.substring(5001),                 // off the alphabet, second block
                text.substring(0, text.length() - 3) + "\\/A",                         // off the alphabet, last block
                text.substring(0, text.length() - 4) + "A=BC");                        // padding before the end
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWhatTheJdkRefusesOnTheWholeArray(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        boolean jdkRefuses;
        try {
            Base64.getDecoder().decode(bytes);
            jdkRefuses = false;
        } catch (IllegalArgumentException refused) {
            jdkRefuses = true;
        }
        assertThat(jdkRefuses).as("the case is one the JDK refuses").isTrue();
        assertThat(Base64Blocks.decode(bytes, 0, bytes.length)).isNull();
    }

    /** The JDK accepts these, Jackson does not: the codec's fallback to Jackson decides. */
    @ParameterizedTest
    @ValueSource(strings = {"", "AQI", "AQ"})
    void leavesEmptyAndUnpaddedTextToJackson(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64Blocks.decode(bytes, 0, bytes.length)).isNull();
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void acceptsPaddingAtTheVeryEnd(int size) {
        byte[] data = Arrays.copyOf(new byte[] {1, 2, 3, 4}, size);
        byte[] text = Base64.getEncoder().encode(data);
        assertThat(Base64Blocks.decode(text, 0, text.length)).isEqualTo(data);
    }
}
