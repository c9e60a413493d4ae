package io.dmicro.spring.cloud.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.cloud.etcd.sample.Args;
import io.dmicro.spring.cloud.etcd.sample.MathClient;
import io.dmicro.spring.cloud.etcd.sample.MathService;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The etcd registry against a real etcd, Java on both sides: the record a Java service writes (Go
 * DMicro's key and JSON, under a lease), discovery through the watch, a call through it, the record
 * leaving on shutdown, coming back when its lease is revoked behind its back, and foreign values
 * under the prefix that discovery must survive.
 */
class EtcdRegistryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;
    private static EtcdProcess etcd;
    private static Client raw;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdProcess.start(tmp.resolve("etcd"));
        raw = Client.builder().endpoints(etcd.url()).build();
    }

    @AfterAll
    static void stopEtcd() {
        if (raw != null) {
            raw.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void writesGoDmicroRecordUnderALeaseAndDeletesItOnShutdown() throws Exception {
        String key;
        try (ConfigurableApplicationContext server = EtcdContexts.server(etcd, "java-math")) {
            int port = ((InetSocketAddress) server.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
            key = "/dmicro/registry/java-math/java-math-127.0.0.1:" + port;
            KeyValue kv = get(key);
            assertThat(kv).as("record at %s", key).isNotNull();
            JsonNode record = JSON.readTree(kv.getValue().getBytes());
            assertThat(record.get("name").asString()).isEqualTo("java-math");
            assertThat(record.get("version").asString()).isEqualTo("1.0.0");
            JsonNode node = record.get("nodes").get(0);
            assertThat(node.get("id").asString()).isEqualTo("java-math-127.0.0.1:" + port);
            assertThat(node.get("address").asString()).isEqualTo("127.0.0.1:" + port);
            assertThat(JSON.convertValue(node.get("paths"), List.class)).contains("/math/add");
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = JSON.convertValue(node.get("metadata"), Map.class);
            assertThat(metadata).containsEntry("registry", "etcd").containsEntry("server", "java-math")
                    .containsEntry("dmicro.port", Integer.toString(port)).containsEntry("dmicro.protos", "raw");
            assertThat(kv.getLease()).as("written under a lease").isNotZero();
            long ttl = raw.getLeaseClient().timeToLive(kv.getLease(), io.etcd.jetcd.options.LeaseOption.DEFAULT)
                    .get(30, TimeUnit.SECONDS).getGrantedTTL();
            assertThat(ttl).isEqualTo(5);
        }
        assertThat(get(key)).as("deregistered on shutdown").isNull();
    }

    @Test
    void javaClientFindsTheServiceThroughTheWatchAndSeesItLeave() {
        try (ConfigurableApplicationContext client = EtcdContexts.client(etcd)) {
            DiscoveryClient discovery = client.getBean(DiscoveryClient.class);
            assertThat(discovery.getInstances("java-math-2")).isEmpty();
            ConfigurableApplicationContext server = EtcdContexts.server(etcd, "java-math-2");
            try {
                await().atMost(WAIT).until(() -> discovery.getInstances("java-math-2").size() == 1);
                assertThat(discovery.getServices()).contains("java-math-2");
                assertThat(discovery.getInstances("java-math-2").get(0).getMetadata()).containsEntry("version", "1.0.0");
            } finally {
                server.close();
            }
            await().atMost(WAIT).until(() -> discovery.getInstances("java-math-2").isEmpty());
        }
    }

    @Test
    void drpcClientCallsAServiceFoundInEtcd() {
        try (ConfigurableApplicationContext server = EtcdContexts.server(etcd, "java-math");
                ConfigurableApplicationContext client = EtcdContexts.client(etcd)) {
            MathClient math = client.getBean(MathClient.class);
            for (int i = 0; i < 5; i++) {
                assertThat(math.add(new Args(i, 10))).isEqualTo(i + 10);
            }
            assertThat(server.getBean(MathService.class).calls.get()).isEqualTo(5);
        }
    }

    @Test
    void writesTheRecordAgainWhenItsLeaseIsRevokedBehindItsBack() throws Exception {
        try (ConfigurableApplicationContext server = EtcdContexts.server(etcd, "java-math-3")) {
            int port = ((InetSocketAddress) server.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
            String key = "/dmicro/registry/java-math-3/java-math-3-127.0.0.1:" + port;
            long first = get(key).getLease();
            raw.getLeaseClient().revoke(first).get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> {
                KeyValue kv = get(key);
                return kv != null && kv.getLease() != first;
            });
        }
    }

    @Test
    void discoverySkipsValuesThatAreNotServiceRecords() throws Exception {
        raw.getKVClient().put(bytes("/dmicro/registry/junk/x"), bytes("not json {")).get(30, TimeUnit.SECONDS);
        raw.getKVClient().put(bytes("/dmicro/registry/junk/y"), bytes("{\"name\":\"junk\",\"nodes\":[{\"id\":\"y\",\"address\":\"no-port\"}]}"))
                .get(30, TimeUnit.SECONDS);
        try (ConfigurableApplicationContext server = EtcdContexts.server(etcd, "java-math-4");
                ConfigurableApplicationContext client = EtcdContexts.client(etcd)) {
            DiscoveryClient discovery = client.getBean(DiscoveryClient.class);
            await().atMost(WAIT).until(() -> discovery.getInstances("java-math-4").size() == 1);
            assertThat(discovery.getInstances("junk")).isEmpty();
        } finally {
            raw.getKVClient().delete(bytes("/dmicro/registry/junk/"), io.etcd.jetcd.options.DeleteOption.builder().isPrefix(true).build())
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static KeyValue get(String key) throws Exception {
        List<KeyValue> kvs = raw.getKVClient().get(bytes(key), GetOption.DEFAULT).get(30, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
