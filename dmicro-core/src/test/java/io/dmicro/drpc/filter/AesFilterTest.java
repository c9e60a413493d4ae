package io.dmicro.drpc.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AesFilterTest {

    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void packsAsGoFramesGaesDoesWithItsDefaultIv() {
        // openssl enc -aes-128-cbc -K hex(KEY) -iv hex("I Love Go Frame!") of "hello drpc"
        byte[] packed = new AesFilter(KEY).onPack("hello drpc".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(packed)).isEqualTo("a7d392a89f4c219613c1f3bb9a4e727e");
    }

    @Test
    void roundTripsAndRefusesAWrongKeyOrTruncatedData() {
        byte[] data = new byte[1000];
        byte[] packed = new AesFilter(KEY).onPack(data);
        assertThat(new AesFilter(KEY).onUnpack(packed, 1 << 20)).isEqualTo(data);
        byte[] truncated = java.util.Arrays.copyOf(packed, packed.length - 3);
        assertThatThrownBy(() -> new AesFilter(KEY).onUnpack(truncated, 1 << 20))
                .isInstanceOf(FilterException.class).hasMessageContaining("AES blocks");
        byte[] other = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        byte[] small = new AesFilter(KEY).onPack("x".getBytes(StandardCharsets.US_ASCII));
        // bad padding under the wrong key (a 1-in-256 chance of valid padding does not apply to this vector)
        assertThatThrownBy(() -> new AesFilter(other).onUnpack(small, 1 << 20)).isInstanceOf(FilterException.class);
    }

    @Test
    void refusesOutputOverTheLimitAndBadKeys() {
        byte[] packed = new AesFilter(KEY).onPack(new byte[100]);
        assertThatThrownBy(() -> new AesFilter(KEY).onUnpack(packed, 10)).hasMessageContaining("exceeds limit");
        assertThatThrownBy(() -> new AesFilter(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }
}
