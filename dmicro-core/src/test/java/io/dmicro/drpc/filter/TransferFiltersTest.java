package io.dmicro.drpc.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransferFiltersTest {

    private static final byte[] GZIP_THEN_MD5 = {'z', '5'};

    private final TransferFilters filters = TransferFilters.defaults();
    private final GzipFilter gzip = new GzipFilter();
    private final Md5Filter md5 = new Md5Filter();

    @Test
    void defaultsHoldGzipAndMd5() {
        assertThat(filters.all()).extracting(TransferFilter::name).containsExactly("gzip", "md5");
        assertThat(filters.get((byte) 'z')).isInstanceOf(GzipFilter.class);
        assertThat(filters.get("md5")).isInstanceOf(Md5Filter.class);
        assertThat(filters.get((byte) 'a')).isNull();
        assertThat(filters.get("aes")).isNull();
    }

    @Test
    void packsFromLastIdToFirst() {
        byte[] data = "the header and the body".getBytes(StandardCharsets.UTF_8);
        assertThat(filters.pack(GZIP_THEN_MD5, data)).isEqualTo(gzip.onPack(md5.onPack(data)));
    }

    @Test
    void unpacksFromFirstIdToLast() {
        byte[] data = "the header and the body".getBytes(StandardCharsets.UTF_8);
        byte[] packed = gzip.onPack(md5.onPack(data));
        assertThat(filters.unpack(GZIP_THEN_MD5, packed, 1024)).isEqualTo(data);
    }

    @Test
    void roundTripsGzipAndMd5InBothOrders() {
        Random random = new Random(11);
        for (int i = 0; i < 100; i++) {
            byte[] data = new byte[random.nextInt(10_000)];
            random.nextBytes(data);
            for (byte[] ids : new byte[][] {{'z', '5'}, {'5', 'z'}, {'z'}, {'5'}, {}}) {
                assertThat(filters.unpack(ids, filters.pack(ids, data), 10_000)).isEqualTo(data);
            }
        }
    }

    @Test
    void detectsTamperingUnderCompression() {
        byte[] data = new byte[1000];
        new Random(13).nextBytes(data);
        byte[] packed = filters.pack(new byte[] {'5', 'z'}, data);
        packed[packed.length / 2] ^= 1;
        assertThatThrownBy(() -> filters.unpack(new byte[] {'5', 'z'}, packed, 10_000))
                .isInstanceOf(FilterException.class);
    }

    @Test
    void rejectsUnknownIdWhenPacking() {
        assertThatThrownBy(() -> filters.pack(new byte[] {'z', 'q'}, new byte[1]))
                .isInstanceOf(FilterException.class)
                .hasMessage("unknown transfer filter id 'q'");
    }

    @Test
    void rejectsUnknownIdWhenUnpacking() {
        assertThatThrownBy(() -> filters.unpack(new byte[] {3}, new byte[1], 10))
                .isInstanceOf(FilterException.class)
                .hasMessage("unknown transfer filter id 3");
    }

    @Test
    void rejectsPipeLongerThan255() {
        assertThatThrownBy(() -> filters.pack(new byte[256], new byte[1]))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void requireNamesKnownFiltersWhenMissing() {
        assertThatThrownBy(() -> filters.require("aes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transfer filter: aes (known: gzip, md5)");
        assertThatThrownBy(() -> filters.require((byte) 'a'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transfer filter: 'a' (known: gzip, md5)");
        assertThat(filters.require((byte) '5')).isInstanceOf(Md5Filter.class);
    }

    @Test
    void rejectsIdZero() {
        assertThatThrownBy(() -> TransferFilters.builder().add(new Fake((byte) 0, "zero")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero")
                .hasMessageContaining("id 0");
    }

    @Test
    void rejectsDuplicateId() {
        assertThatThrownBy(() -> filters.toBuilder().add(new Fake((byte) 'z', "zstd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot register transfer filter zstd (id 'z'): "
                        + "id already used by gzip");
    }

    @Test
    void rejectsDuplicateName() {
        assertThatThrownBy(() -> filters.toBuilder().add(new Fake((byte) 'g', "gzip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot register transfer filter gzip (id 'g'): "
                        + "name already used by the filter with id 'z'");
    }

    @Test
    void replacesFilterThroughRemove() {
        TransferFilters custom = filters.toBuilder().remove("gzip").add(new GzipFilter(9)).build();
        assertThat(custom.get((byte) 'z')).isNotSameAs(filters.get((byte) 'z'));
        assertThat(custom.all()).extracting(TransferFilter::name).containsExactly("md5", "gzip");
    }

    record Fake(byte id, String name) implements TransferFilter {
        @Override
        public byte[] onPack(byte[] data) {
            return data;
        }

        @Override
        public byte[] onUnpack(byte[] data, int maxSize) {
            return data;
        }
    }
}
