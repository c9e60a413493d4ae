package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmicro.spring.boot.autoconfigure.client.InstanceMetadata;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathClient;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real ZooKeeper (curator-test) and Spring Cloud Zookeeper discovery: two servers register through
 * the registry bridge, a client's @DrpcClient spreads calls over both, one server stops gracefully
 * while calls run, and not one call fails.
 */
class ZookeeperDiscoveryIntegrationTest {

    private static TestingServer zookeeper;

    @BeforeAll
    static void startZookeeper() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @AfterAll
    static void stopZookeeper() throws Exception {
        zookeeper.close();
    }

    private static ConfigurableApplicationContext start(Class<?> config, String name, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.application.name=" + name,
                "--spring.cloud.zookeeper.connect-string=" + zookeeper.getConnectString(),
                "--spring.cloud.zookeeper.discovery.instance-host=127.0.0.1",
                "--spring.cloud.compatibility-verifier.enabled=false"));
        args.addAll(List.of(more));
        if (args.stream().noneMatch(a -> a.startsWith("--dmicro.endpoint.listen="))) {
            args.add("--dmicro.endpoint.listen=tcp://127.0.0.1:0");
        }
        return new SpringApplicationBuilder(config).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    @Test
    void clientKeepsSucceedingWhileOneOfTwoServersStopsGracefully() throws Exception {
        ConfigurableApplicationContext server1 = start(Server.class, "math-server");
        ConfigurableApplicationContext server2 = start(Server.class, "math-server");
        try (ConfigurableApplicationContext client = start(Client.class, "math-client", "--dmicro.endpoint.listen=",
                "--dmicro.discovery.register=false", "--dmicro.client.load-balancer=round-robin")) {
            DiscoveryClient discovery = client.getBean(DiscoveryClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> discovery.getInstances("math-server").size() == 2);
            for (ServiceInstance instance : discovery.getInstances("math-server")) {
                assertThat(instance.getMetadata()).containsKeys(InstanceMetadata.PORT, InstanceMetadata.PROTOS);
            }

            MathClient math = client.getBean(MathClient.class);
            MathService service1 = server1.getBean(MathService.class);
            MathService service2 = server2.getBean(MathService.class);
            for (int i = 0; i < 20; i++) {
                assertThat(math.add(new Args(i, 1))).isEqualTo(i + 1);
            }
            assertThat(service1.calls.get()).isPositive();
            assertThat(service2.calls.get()).isPositive();

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                int i = 0;
                while (running.get() && failure.get() == null) {
                    try {
                        int n = i++;
                        if (math.add(new Args(n, 1)) != n + 1) {
                            throw new AssertionError("wrong sum for " + n);
                        }
                        if (math.addAsync(new Args(n, 2)).get(30, TimeUnit.SECONDS) != n + 2) {
                            throw new AssertionError("wrong async sum for " + n);
                        }
                        ok.addAndGet(2);
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() >= 20 || failure.get() != null);
            server1.close(); // SmartLifecycle stop: deregister, stop accepting, drain
            int afterStop = ok.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() >= afterStop + 40 || failure.get() != null);
            int server2Before = service2.calls.get();
            int server1After = service1.calls.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() >= afterStop + 60 || failure.get() != null);
            running.set(false);
            load.get(30, TimeUnit.SECONDS);

            assertThat(failure.get()).as("a call failed").isNull();
            assertThat(service1.calls.get()).as("no call reaches the stopped server").isEqualTo(server1After);
            assertThat(service2.calls.get()).isGreaterThan(server2Before);
            assertThat(discovery.getInstances("math-server")).hasSize(1);
        } finally {
            server1.close();
            server2.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Server {
        @Bean
        MathService mathService() {
            return new MathService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableDrpcClients(clients = MathClient.class)
    static class Client {
    }
}
