package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathClient;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import io.dmicro.drpc.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** dmicro.endpoint.tls.* over real sockets: a TLS server context and a @DrpcClient context dialing it. */
class TlsIntegrationTest {

    private final TestCertificates certs = TestCertificates.get();

    private final ApplicationContextRunner server = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class))
            .withBean(MathService.class)
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0", "dmicro.endpoint.tls.enabled=true",
                    "dmicro.endpoint.tls.certificate=" + certs.serverCert(), "dmicro.endpoint.tls.private-key=" + certs.serverKey());

    private final ApplicationContextRunner client = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class,
                    SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class, UtilAutoConfiguration.class))
            .withUserConfiguration(Clients.class)
            .withPropertyValues("dmicro.endpoint.listen=", "dmicro.endpoint.dial-timeout=5s",
                    "spring.cloud.discovery.client.health-indicator.enabled=false");

    private static int port(AssertableApplicationContext context) {
        return ((InetSocketAddress) context.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
    }

    private static String instance(int port) {
        return "spring.cloud.discovery.client.simple.instances.math-server[0].uri=tcp://127.0.0.1:" + port;
    }

    private void withServer(ApplicationContextRunner runner, Consumer<AssertableApplicationContext> test) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            test.accept(context);
        });
    }

    @Test
    void drpcClientDialsWithTlsWhenTheInstanceMetadataSaysSo() {
        withServer(server, s -> client.withPropertyValues(instance(port(s)),
                "spring.cloud.discovery.client.simple.instances.math-server[0].metadata.dmicro.tls=true",
                "dmicro.endpoint.tls.trust-certificate=" + certs.serverCert()).run(c -> {
                    assertThat(c.getBean(MathClient.class).add(new Args(1, 2))).isEqualTo(3);
                    Session session = c.getBean(Endpoint.class).sessions().iterator().next();
                    assertThat(session.isDialed()).isTrue();
                }));
    }

    @Test
    void drpcClientDialsWithTlsWhenItsPropertySaysSo() {
        withServer(server, s -> client.withPropertyValues(instance(port(s)), "dmicro.client.services.math-server.tls=true",
                "dmicro.endpoint.tls.trust-certificate=" + certs.serverCert()).run(c ->
                        assertThat(c.getBean(MathClient.class).add(new Args(2, 2))).isEqualTo(4)));
    }

    @Test
    void drpcClientThatDoesNotTrustTheServerFailsToDial() {
        withServer(server, s -> client.withPropertyValues(instance(port(s)), "dmicro.client.tls=true",
                "dmicro.endpoint.tls.trust-certificate=" + certs.clientCert()).run(c ->
                        assertThatThrownBy(() -> c.getBean(MathClient.class).add(new Args(1, 2)))
                                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(105))));
    }

    @Test
    void listenerServesTlsOnly() {
        withServer(server, s -> {
            try (Endpoint peer = Endpoint.create()) {
                int port = port(s);
                Session tls = peer.dial("tls://127.0.0.1:" + port + "?ca=" + certs.serverCert());
                assertThat(tls.callSync("/math/add", new Args(5, 5), Integer.class)).isEqualTo(10);
                // clear text reaches a TLS handshake, never a handler
                assertThatThrownBy(() -> peer.dial("127.0.0.1:" + port).callSync("/math/add", new Args(1, 1), Integer.class))
                        .isInstanceOf(DrpcException.class);
            }
        });
    }

    @Test
    void portSharingListenerAlsoRecognisesTls() {
        withServer(server.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=raw,http"), s ->
                client.withPropertyValues(instance(port(s)), "dmicro.client.tls=true",
                        "dmicro.endpoint.tls.trust-certificate=" + certs.serverCert()).run(c -> {
                            assertThat(c.getBean(MathClient.class).add(new Args(3, 4))).isEqualTo(7);
                            try (Endpoint peer = Endpoint.create()) {
                                assertThat(peer.dial("127.0.0.1:" + port(s)).callSync("/math/add", new Args(1, 1), Integer.class))
                                        .as("clear text is still served on a shared port").isEqualTo(2);
                            }
                        }));
    }

    @Test
    void mutualTlsAcceptsAClientWithItsCertificate() {
        MathService service = new MathService();
        withServer(mutualServer(service), s -> client.withPropertyValues(instance(port(s)), "dmicro.client.tls=true",
                "dmicro.endpoint.tls.trust-certificate=" + certs.serverCert(), "dmicro.endpoint.tls.certificate=" + certs.clientCert(),
                "dmicro.endpoint.tls.private-key=" + certs.clientKey()).run(c -> {
                    assertThat(c.getBean(MathClient.class).add(new Args(1, 2))).isEqualTo(3);
                    assertThat(service.calls.get()).isEqualTo(1);
                }));
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        MathService service = new MathService();
        withServer(mutualServer(service), s -> client.withPropertyValues(instance(port(s)), "dmicro.client.tls=true",
                "dmicro.endpoint.tls.trust-certificate=" + certs.serverCert()).run(c -> {
                    assertThatThrownBy(() -> c.getBean(MathClient.class).add(new Args(1, 2))).isInstanceOf(DrpcException.class);
                    assertThat(service.calls.get()).isZero();
                }));
    }

    private ApplicationContextRunner mutualServer(MathService service) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class))
                .withBean(MathService.class, () -> service)
                .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0", "dmicro.endpoint.tls.enabled=true",
                        "dmicro.endpoint.tls.certificate=" + certs.serverCert(), "dmicro.endpoint.tls.private-key=" + certs.serverKey(),
                        "dmicro.endpoint.tls.trust-certificate=" + certs.clientCert(), "dmicro.endpoint.tls.client-auth=require");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = MathClient.class)
    static class Clients {
    }
}
