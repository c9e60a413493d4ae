package io.dmicro.drpc.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Md5FilterTest {

    private final Md5Filter md5 = new Md5Filter();

    @Test
    void appendsDigestOfData() {
        byte[] packed = md5.onPack("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(packed))
                .isEqualTo("616263" + "900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void roundTripsRandomData() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(5000)];
            random.nextBytes(data);
            assertThat(md5.onUnpack(md5.onPack(data), 5000)).isEqualTo(data);
        }
    }

    @Test
    void detectsAlteredData() {
        Random random = new Random(9);
        byte[] data = new byte[64];
        random.nextBytes(data);
        byte[] packed = md5.onPack(data);
        for (int i = 0; i < packed.length; i++) {
            byte[] altered = packed.clone();
            altered[i] ^= (byte) (1 + random.nextInt(255));
            assertThatThrownBy(() -> md5.onUnpack(altered, 1024))
                    .isInstanceOf(FilterException.class)
                    .hasMessage("md5 check failed");
        }
    }

    @Test
    void rejectsInputShorterThanDigest() {
        assertThatThrownBy(() -> md5.onUnpack(new byte[15], 1024))
                .isInstanceOf(FilterException.class)
                .hasMessageStartingWith("md5 check failed");
    }

    @Test
    void acceptsDigestOfEmptyData() throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(new byte[0]);
        assertThat(md5.onUnpack(digest, 0)).isEmpty();
    }

    @Test
    void rejectsDataOverLimit() {
        byte[] packed = md5.onPack(new byte[100]);
        assertThatThrownBy(() -> md5.onUnpack(packed, 99))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("exceeds limit");
        assertThat(md5.onUnpack(packed, 100)).hasSize(100);
        assertThat(Arrays.equals(packed, md5.onPack(new byte[100]))).isTrue();
    }
}
