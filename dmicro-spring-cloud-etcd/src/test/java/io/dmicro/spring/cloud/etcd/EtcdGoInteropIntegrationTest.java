package io.dmicro.spring.cloud.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmicro.drpc.testing.GoPrograms;
import io.dmicro.drpc.testing.PeerProcess;
import io.dmicro.spring.cloud.etcd.sample.GoEchoClient;
import io.dmicro.spring.cloud.etcd.sample.Greeting;
import io.dmicro.spring.cloud.etcd.sample.MathService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Java and Go DMicro (v1.3.1, interop/go/cmd/etcdpeer) through one real etcd: a Go service registered
 * by the original's registry plugin is found and called by a Java {@code @DrpcClient}, and leaves
 * discovery when it deregisters; a Java service registered by this module is found and called by
 * the original's RpcClient through its etcd registry and selector.
 */
class EtcdGoInteropIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path GO_MODULE = Path.of("..", "interop", "go").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    private static EtcdProcess etcd;
    private static Path peer;

    @BeforeAll
    static void start() {
        peer = GoPrograms.build(GO_MODULE, "./cmd/etcdpeer", Path.of("target", "go", "etcdpeer"));
        etcd = EtcdProcess.start(tmp.resolve("etcd"));
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void javaDrpcClientCallsAGoServiceRegisteredByTheOriginalsPlugin() {
        try (PeerProcess go = goPeer("go-server", "-mode", "server", "-name", "go-echo", "-ttl", "60");
                ConfigurableApplicationContext client = EtcdContexts.client(etcd)) {
            String address = go.awaitLine("REGISTERED (\\S+)", WAIT);
            DiscoveryClient discovery = client.getBean(DiscoveryClient.class);
            await().atMost(WAIT).until(() -> discovery.getInstances("go-echo").size() == 1);
            ServiceInstance instance = discovery.getInstances("go-echo").get(0);
            assertThat(instance.getHost() + ":" + instance.getPort()).isEqualTo(address);
            assertThat(instance.getInstanceId()).isEqualTo("go-echo-" + address);
            assertThat(instance.getMetadata()).containsEntry("registry", "etcd").containsEntry("server", "go-echo")
                    .containsEntry("version", "1.0.0");

            GoEchoClient echo = client.getBean(GoEchoClient.class);
            assertThat(echo.echo(new Greeting("java", 1))).isEqualTo(new Greeting("hello java", 2));
            assertThat(echo.echo(new Greeting("again", 41))).isEqualTo(new Greeting("hello again", 42));

            // the original deregisters when its endpoint closes (the TTL of 60 s would take longer than the wait)
            go.terminate();
            go.awaitExit(WAIT);
            await().atMost(WAIT).until(() -> discovery.getInstances("go-echo").isEmpty());
        }
    }

    @Test
    void goRpcClientCallsAJavaServiceRegisteredByThisModule() {
        try (ConfigurableApplicationContext server = EtcdContexts.server(etcd, "java-math-go");
                PeerProcess go = goPeer("go-client", "-mode", "client", "-name", "java-math-go", "-calls", "3")) {
            go.awaitLine("^DONE$", WAIT);
            List<String> lines = Arrays.stream(go.output().split("\n")).filter(l -> l.startsWith("RESULT ") || l.startsWith("ERROR ")).toList();
            assertThat(lines).as(go.output()).containsExactly("RESULT 0 100", "RESULT 1 101", "RESULT 2 102");
            assertThat(server.getBean(MathService.class).calls.get()).isEqualTo(3);
        }
    }

    private static PeerProcess goPeer(String name, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(peer.toAbsolutePath().toString(), "-etcd", etcd.address()));
        command.addAll(List.of(args));
        return PeerProcess.start(name, command, tmp, Map.of());
    }
}
