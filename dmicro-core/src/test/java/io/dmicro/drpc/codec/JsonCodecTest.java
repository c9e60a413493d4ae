package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class JsonCodecTest {

    record Point(int x, int y, String label) {
    }

    static final class Account {
        public String name = "";
        public List<String> tags = List.of();
    }

    record Checked(int n) {
        Checked {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }

    static final class Created {
        final long id;
        final String name;

        @com.fasterxml.jackson.annotation.JsonCreator
        private Created(@com.fasterxml.jackson.annotation.JsonProperty("id") long id,
                @com.fasterxml.jackson.annotation.JsonProperty("name") String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final JsonCodec codec = new JsonCodec();

    @Test
    void roundTripsRecord() {
        Point p = new Point(3, -4, "p");
        assertThat(codec.decode(codec.encode(p), Point.class)).isEqualTo(p);
    }

    @Test
    void aRecordWithALongAndBinaryRoundTrips() {
        record Blob(long id, byte[] data) {
        }
        Blob back = (Blob) codec.decode(codec.encode(new Blob(7, new byte[] {1, 2, 3})), Blob.class);
        assertThat(back.id()).isEqualTo(7);
        assertThat(back.data()).containsExactly(1, 2, 3);
    }

    @Test
    void aPrivateCreatorConstructorIsCalled() {
        Created c = (Created) codec.decode(utf8("{\"id\":5,\"name\":\"n\"}"), Created.class);
        assertThat(c.id).isEqualTo(5);
        assertThat(c.name).isEqualTo("n");
    }

    @Test
    void aConstructorThatThrowsFailsTheDecodeWithItsReason() {
        assertThatThrownBy(() -> codec.decode(utf8("{\"n\":-1}"), Checked.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("n must not be negative");
    }

    @Test
    void decodesAndEncodesFromManyThreadsAtOnce() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Point p = new Point(id, i, "t" + id);
                        if (!p.equals(codec.decode(codec.encode(p), Point.class))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void roundTripsPojo() {
        Account account = new Account();
        account.name = "ann";
        account.tags = List.of("a", "b");
        Account back = (Account) codec.decode(codec.encode(account), Account.class);
        assertThat(back.name).isEqualTo("ann");
        assertThat(back.tags).containsExactly("a", "b");
    }

    @Test
    void roundTripsGenericMap() {
        Map<String, List<Integer>> map = Map.of("a", List.of(1, 2));
        Object back = codec.decode(codec.encode(map),
                new TypeReference<Map<String, List<Integer>>>() { }.getType());
        assertThat(back).isEqualTo(map);
    }

    @Test
    void decodesIntoObjectAsPlainJavaValues() {
        assertThat(codec.decode(utf8("{\"a\":[1,\"x\"]}"), Object.class))
                .isEqualTo(Map.of("a", List.of(1, "x")));
    }

    @Test
    void encodesNullAsEmpty() {
        assertThat(codec.encode(null)).isEmpty();
    }

    @Test
    void ignoresUnknownProperties() {
        byte[] body = utf8("{\"x\":1,\"y\":2,\"label\":\"l\",\"extra\":true}");
        assertThat(codec.decode(body, Point.class)).isEqualTo(new Point(1, 2, "l"));
    }

    @Test
    void doesNotInstantiateClassNamedInBody() {
        byte[] body = utf8("[\"java.net.URL\",\"http://example.com\"]");
        assertThat(codec.decode(body, Object.class))
                .isEqualTo(List.of("java.net.URL", "http://example.com"));
    }

    @Test
    void usesGivenMapper() {
        JsonCodec custom = new JsonCodec(JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
        byte[] body = utf8("{\"x\":1,\"y\":2,\"label\":\"l\",\"z\":0}");
        assertThatThrownBy(() -> custom.decode(body, Point.class))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> codec.decode(utf8("{not json"), Point.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("json codec");
    }

    @Test
    void rejectsWrongShape() {
        assertThatThrownBy(() -> codec.decode(utf8("[1,2]"), Point.class))
                .isInstanceOf(CodecException.class);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
