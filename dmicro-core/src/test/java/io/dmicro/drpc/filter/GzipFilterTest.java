package io.dmicro.drpc.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipFilterTest {

    private static final int MIB = 1 << 20;

    private final GzipFilter gzip = new GzipFilter();

    @Test
    void roundTripsRandomData() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(20_000)];
            random.nextBytes(data);
            assertThat(gzip.onUnpack(gzip.onPack(data), MIB)).isEqualTo(data);
        }
    }

    @Test
    void roundTripsEmptyData() {
        assertThat(gzip.onUnpack(gzip.onPack(new byte[0]), 0)).isEmpty();
    }

    @Test
    void producesStandardGzip() throws IOException {
        byte[] data = "hello hello hello".getBytes();
        try (GZIPInputStream in = new GZIPInputStream(
                new ByteArrayInputStream(gzip.onPack(data)))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void honoursLevel() {
        Random random = new Random(3);
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(4);
        }
        assertThat(new GzipFilter(9).onPack(data).length)
                .isLessThan(new GzipFilter(0).onPack(data).length);
    }

    @Test
    void rejectsInvalidLevel() {
        assertThatThrownBy(() -> new GzipFilter(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gzip level must be between -1 and 9: 10");
    }

    @Test
    void acceptsDataExactlyAtLimit() {
        byte[] data = new byte[4096];
        assertThat(gzip.onUnpack(gzip.onPack(data), 4096)).isEqualTo(data);
    }

    @Test
    void rejectsDataOneByteOverLimit() {
        byte[] packed = gzip.onPack(new byte[4097]);
        assertThatThrownBy(() -> gzip.onUnpack(packed, 4096))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("exceeds limit of 4096 bytes");
    }

    @Test
    void refusesBombAtLimitWithoutInflatingIt() throws IOException {
        byte[] bomb = compressZeros(100 * MIB);
        assertThat(bomb.length).isLessThan(200_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> gzip.onUnpack(bomb, MIB))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("exceeds limit of " + MIB + " bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void rejectsTruncatedData() {
        byte[] packed = gzip.onPack("some text to compress, some text".getBytes());
        byte[] truncated = Arrays.copyOf(packed, packed.length - 5);
        assertThatThrownBy(() -> gzip.onUnpack(truncated, MIB))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("gzip");
    }

    @Test
    void rejectsCorruptChecksum() {
        byte[] packed = gzip.onPack("some text".getBytes());
        packed[packed.length - 6] ^= 0x55; // inside the CRC-32 trailer
        assertThatThrownBy(() -> gzip.onUnpack(packed, MIB)).isInstanceOf(FilterException.class);
    }

    @Test
    void rejectsNonGzipData() {
        assertThatThrownBy(() -> gzip.onUnpack("plain".getBytes(), MIB))
                .isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> gzip.onUnpack(new byte[0], MIB))
                .isInstanceOf(FilterException.class);
    }

    private static byte[] compressZeros(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[MIB];
            for (int written = 0; written < size; written += zeros.length) {
                gz.write(zeros);
            }
        }
        return out.toByteArray();
    }
}
