package io.dmicro.spring.cloud.etcd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    /** What Go DMicro v1.3.1's registry plugin wrote to etcd for a service of the interop suite (etcdctl get). */
    private static final String GO_RECORD = "{\"name\":\"go-echo\",\"version\":\"1.0.0\",\"metadata\":null,\"nodes\":[{\"id\":\"go-echo-127.0.0.1:41651\","
            + "\"address\":\"127.0.0.1:41651\",\"paths\":[\"/echo\",\"/echo/text\"],\"metadata\":{\"registry\":\"etcd\",\"server\":\"go-echo\"}}]}";

    private final RecordCodec codec = new RecordCodec();

    @Test
    void readsTheRecordGoDmicroWrites() {
        ServiceRecord record = codec.decode("k", GO_RECORD.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(record.name()).isEqualTo("go-echo");
        assertThat(record.version()).isEqualTo("1.0.0");
        assertThat(record.metadata()).isNull();
        ServiceRecord.Node node = record.nodes().get(0);
        assertThat(node.id()).isEqualTo("go-echo-127.0.0.1:41651");
        assertThat(node.address()).isEqualTo("127.0.0.1:41651");
        assertThat(node.paths()).containsExactly("/echo", "/echo/text");
        assertThat(node.metadata()).containsEntry("registry", "etcd").containsEntry("server", "go-echo");
    }

    @Test
    void writesTheFieldsInGosOrderWithNullForAnAbsentMap() {
        ServiceRecord record = new ServiceRecord("go-echo", "1.0.0", null, List.of(new ServiceRecord.Node("go-echo-127.0.0.1:41651",
                "127.0.0.1:41651", List.of("/echo", "/echo/text"), Map.of("registry", "etcd"))));
        String json = new String(codec.encode(record), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"name\":\"go-echo\",\"version\":\"1.0.0\",\"metadata\":null,\"nodes\":[{\"id\":\"go-echo-127.0.0.1:41651\","
                + "\"address\":\"127.0.0.1:41651\",\"paths\":[\"/echo\",\"/echo/text\"],\"metadata\":{\"registry\":\"etcd\"}}]}");
    }

    @Test
    void ignoresValuesThatAreNotRecords() {
        assertThat(codec.decode("k", "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(codec.decode("k", "{\"version\":\"1\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(codec.decode("k", "{\"name\":\"x\",\"extra\":1,\"nodes\":null}".getBytes(StandardCharsets.UTF_8))).isPresent();
    }
}
