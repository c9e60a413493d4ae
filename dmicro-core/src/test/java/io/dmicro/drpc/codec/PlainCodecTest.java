package io.dmicro.drpc.codec;

import static io.dmicro.drpc.codec.JsonCodecTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlainCodecTest {

    private final PlainCodec codec = new PlainCodec();

    static Stream<Object> scalars() {
        return Stream.of("héllo ✓", 42, -7L, (short) 300, (byte) -1, 3.25d, -0.5f, true, false,
                'Z', new BigDecimal("12345.678901234567890"),
                new BigInteger("-98765432109876543210"), Double.NaN, Float.NEGATIVE_INFINITY,
                Long.MIN_VALUE);
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void roundTripsScalar(Object value) {
        assertThat(codec.decode(codec.encode(value), value.getClass())).isEqualTo(value);
    }

    @Test
    void roundTripsRandomLongs() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            long value = random.nextLong();
            assertThat(codec.decode(codec.encode(value), Long.class)).isEqualTo(value);
        }
    }

    @Test
    void encodesAsText() {
        assertThat(codec.encode(12)).isEqualTo(utf8("12"));
        assertThat(codec.encode(new StringBuilder("sb"))).isEqualTo(utf8("sb"));
    }

    @Test
    void decodesIntoPrimitiveTargets() {
        assertThat(codec.decode(utf8("7"), int.class)).isEqualTo(7);
        assertThat(codec.decode(utf8("7.5"), double.class)).isEqualTo(7.5);
    }

    @Test
    void decodesIntoCharSequenceAndObjectAsString() {
        assertThat(codec.decode(utf8("x"), CharSequence.class)).isEqualTo("x");
        assertThat(codec.decode(utf8("x"), Object.class)).isEqualTo("x");
    }

    @Test
    void passesBytesThrough() {
        byte[] raw = {0, (byte) 0xFF, 7};
        assertThat(codec.encode(raw)).isEqualTo(raw);
        assertThat(codec.decode(raw, byte[].class)).isEqualTo(raw);
    }

    @Test
    void acceptsGoBooleanSpellings() {
        assertThat(codec.decode(utf8("1"), Boolean.class)).isEqualTo(true);
        assertThat(codec.decode(utf8("F"), Boolean.class)).isEqualTo(false);
    }

    @Test
    void rejectsUnsupportedValue() {
        assertThatThrownBy(() -> codec.encode(List.of(1)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("cannot encode")
                .hasMessageContaining("supported: String");
    }

    @Test
    void rejectsUnsupportedTarget() {
        assertThatThrownBy(() -> codec.decode(utf8("1"), List.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("cannot decode into java.util.List");
    }

    @Test
    void rejectsUnparsableNumber() {
        assertThatThrownBy(() -> codec.decode(utf8("12x"), Integer.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("cannot parse \"12x\" as java.lang.Integer");
    }

    @Test
    void rejectsOutOfRangeNumber() {
        assertThatThrownBy(() -> codec.decode(utf8("300"), Byte.class))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsGarbageBoolean() {
        assertThatThrownBy(() -> codec.decode(utf8("yes"), Boolean.class))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsMultiCharacterChar() {
        assertThatThrownBy(() -> codec.decode(utf8("ab"), Character.class))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3, (byte) 0x28}, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("UTF-8");
    }
}
