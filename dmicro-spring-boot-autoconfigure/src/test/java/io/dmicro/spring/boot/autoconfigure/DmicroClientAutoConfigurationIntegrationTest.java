package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.selector.Selector;
import io.dmicro.spring.boot.autoconfigure.client.DrpcClientFactory;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathClient;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** @DrpcClient proxies against real server endpoints listed in Spring Cloud's simple discovery. */
class DmicroClientAutoConfigurationIntegrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class,
                    SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
                    UtilAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=", "spring.cloud.discovery.client.health-indicator.enabled=false");

    private final MathService service1 = new MathService();
    private final MathService service2 = new MathService();
    private Endpoint server1;
    private Endpoint server2;

    @BeforeEach
    void startServers() {
        server1 = server(service1);
        server2 = server(service2);
    }

    @AfterEach
    void stopServers() {
        server1.close();
        server2.close();
    }

    private static Endpoint server(MathService service) {
        Endpoint e = Endpoint.create();
        e.router().routeCall("math", service);
        e.listen("tcp://127.0.0.1:0");
        return e;
    }

    private static String uri(Endpoint e) {
        return "tcp://127.0.0.1:" + ((InetSocketAddress) e.listenAddresses().get(0)).getPort();
    }

    private String[] instances(String... uris) {
        String[] out = new String[uris.length];
        for (int i = 0; i < uris.length; i++) {
            out[i] = "spring.cloud.discovery.client.simple.instances.math-server[" + i + "].uri=" + uris[i];
        }
        return out;
    }

    @Test
    void callsBlockingAsyncAndDefaultMethodsThroughOneSession() {
        runner.withUserConfiguration(ExplicitClients.class).withPropertyValues(instances(uri(server1))).run(context -> {
            MathClient client = context.getBean(MathClient.class);
            assertThat(client.add(new Args(1, 2))).isEqualTo(3);
            assertThat(client.addAsync(new Args(2, 3)).get(10, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(client.twice(new Args(1, 1))).isEqualTo(4);
            assertThat(client.who(CallOptions.DEFAULT.withMeta("X-Hash-Key", "k1"))).isEqualTo("k1");
            assertThat(server1.sessionCount()).isEqualTo(1);
            assertThat(context.getBean(Endpoint.class).sessionCount()).isEqualTo(1);
        });
    }

    @Test
    void handlerErrorsAreNotRetried() {
        runner.withUserConfiguration(ExplicitClients.class).withPropertyValues(instances(uri(server1), uri(server2))).run(context -> {
            MathClient client = context.getBean(MathClient.class);
            assertThatThrownBy(() -> client.fail(new Args(1, 2))).isInstanceOf(DrpcException.class)
                    .satisfies(e -> assertThat(((DrpcException) e).code()).isEqualTo(1001));
            assertThat(service1.calls.get() + service2.calls.get()).isEqualTo(1);
        });
    }

    @Test
    void retriesAnotherInstanceWhenOneCannotBeReached() throws Exception {
        String dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = "tcp://127.0.0.1:" + s.getLocalPort();
        }
        runner.withUserConfiguration(ExplicitClients.class)
                .withPropertyValues(instances(dead, uri(server1)))
                .withPropertyValues("dmicro.client.services.math-server.load-balancer=round-robin", "dmicro.endpoint.dial-timeout=2s")
                .run(context -> {
                    MathClient client = context.getBean(MathClient.class);
                    for (int i = 0; i < 6; i++) {
                        assertThat(client.add(new Args(i, 1))).isEqualTo(i + 1);
                        assertThat(client.addAsync(new Args(i, 2)).get(10, TimeUnit.SECONDS)).isEqualTo(i + 2);
                    }
                    assertThat(service1.calls.get()).isEqualTo(12);
                });
    }

    @Test
    void failsWithServiceUnavailableWhenDiscoveryListsNoInstance() {
        runner.withUserConfiguration(ExplicitClients.class).run(context -> {
            MathClient client = context.getBean(MathClient.class);
            assertThatThrownBy(() -> client.add(new Args(1, 2))).isInstanceOf(DrpcException.class)
                    .satisfies(e -> assertThat(((DrpcException) e).code()).isEqualTo(503));
        });
    }

    @Test
    void roundRobinSpreadsCallsOverInstances() {
        runner.withUserConfiguration(ExplicitClients.class).withPropertyValues(instances(uri(server1), uri(server2)))
                .withPropertyValues("dmicro.client.load-balancer=round-robin").run(context -> {
                    MathClient client = context.getBean(MathClient.class);
                    for (int i = 0; i < 10; i++) {
                        client.add(new Args(1, 1));
                    }
                    assertThat(service1.calls.get()).isEqualTo(5);
                    assertThat(service2.calls.get()).isEqualTo(5);
                });
    }

    @Test
    void consistentHashSendsOneKeyToOneInstance() {
        runner.withUserConfiguration(ExplicitClients.class).withPropertyValues(instances(uri(server1), uri(server2)))
                .withPropertyValues("dmicro.client.services.math-server.load-balancer=consistent-hash").run(context -> {
                    MathClient client = context.getBean(MathClient.class);
                    for (int i = 0; i < 10; i++) {
                        client.who(CallOptions.DEFAULT.withMeta("X-Hash-Key", "user-42"));
                    }
                    assertThat(service1.calls.get() == 10 || service2.calls.get() == 10).isTrue();
                });
    }

    @Test
    void loadBalancerBeanNamedForTheServiceReplacesTheStrategy() {
        runner.withUserConfiguration(ExplicitClients.class).withPropertyValues(instances(uri(server1), uri(server2)))
                .withBean("math-serverLoadBalancer", Selector.class, () -> (candidates, context) -> candidates.get(1)).run(context -> {
                    MathClient client = context.getBean(MathClient.class);
                    for (int i = 0; i < 4; i++) {
                        client.add(new Args(1, 1));
                    }
                    assertThat(service2.calls.get()).isEqualTo(4);
                });
    }

    @Test
    void scansAutoConfigurationPackagesWithoutEnableDrpcClients() {
        runner.withUserConfiguration(ScannedClients.class).withPropertyValues(instances(uri(server1))).run(context ->
                assertThat(context.getBean(MathClient.class).add(new Args(2, 2))).isEqualTo(4));
    }

    @Test
    void backsOffWithoutSpringCloud() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class))
                .withPropertyValues("dmicro.endpoint.listen=")
                .withClassLoader(new FilteredClassLoader(DiscoveryClient.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(DrpcClientFactory.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = MathClient.class)
    static class ExplicitClients {
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = MathClient.class)
    static class ScannedClients {
    }
}
