package io.dmicro.spring.boot.autoconfigure.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.drpc.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

class RegistryBridgeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroDiscoveryAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0");

    @Test
    void publishesPortsAndProtosThenDeregistersBeforeTheEndpointStopsAccepting() {
        FakeRegistry registry = new FakeRegistry();
        FakeRegistration registration = new FakeRegistration();
        runner.withBean(FakeRegistry.class, () -> registry).withBean(FakeRegistration.class, () -> registration).run(context -> {
            Endpoint endpoint = context.getBean(Endpoint.class);
            registry.endpoint = endpoint;
            int port = ((InetSocketAddress) endpoint.listenAddresses().get(0)).getPort();
            assertThat(registration.getMetadata()).containsEntry("dmicro.port", Integer.toString(port))
                    .containsEntry("dmicro.protos", "raw").containsEntry("dmicro.listen", "tcp://127.0.0.1:" + port);
            assertThat(registration.port).as("a non-web app's port is its drpc port").isEqualTo(port);
            assertThat(registry.events).containsExactly("register");
        });
        assertThat(registry.events).containsExactly("register", "deregister while listening");
    }

    @Test
    void publishesTlsAndTheTlsSchemesWhenListenersServeTls() {
        TestCertificates certs = TestCertificates.get();
        FakeRegistration registration = new FakeRegistration();
        runner.withBean(FakeRegistry.class, FakeRegistry::new).withBean(FakeRegistration.class, () -> registration)
                .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0,ws://127.0.0.1:0/drpc", "dmicro.endpoint.tls.enabled=true",
                        "dmicro.endpoint.tls.certificate=" + certs.serverCert(), "dmicro.endpoint.tls.private-key=" + certs.serverKey())
                .run(context -> {
                    Endpoint endpoint = context.getBean(Endpoint.class);
                    int tls = ((InetSocketAddress) endpoint.listenAddresses().get(0)).getPort();
                    int wss = ((InetSocketAddress) endpoint.listenAddresses().get(1)).getPort();
                    assertThat(registration.getMetadata()).containsEntry("dmicro.tls", "true").containsEntry("dmicro.port", Integer.toString(tls))
                            .containsEntry("dmicro.listen", "tls://127.0.0.1:" + tls + ",wss://127.0.0.1:" + wss);
                    assertThat(registration.getMetadata().toString()).as("no file paths published").doesNotContain(certs.serverKey());
                });
    }

    @Test
    void publishesNoTlsFlagForClearText() {
        FakeRegistration registration = new FakeRegistration();
        runner.withBean(FakeRegistry.class, FakeRegistry::new).withBean(FakeRegistration.class, () -> registration).run(context ->
                assertThat(registration.getMetadata()).containsKey("dmicro.port").doesNotContainKey("dmicro.tls"));
    }

    @Test
    void doesNothingWithoutARegistry() {
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(RegistryBridge.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("dmicro.discovery.register=false").run(context -> assertThat(context).doesNotHaveBean(RegistryBridge.class));
    }

    static final class FakeRegistry implements ServiceRegistry<Registration> {
        final List<String> events = new ArrayList<>();
        Endpoint endpoint;

        @Override
        public void register(Registration registration) {
            events.add("register");
        }

        @Override
        public void deregister(Registration registration) {
            events.add(endpoint != null && !endpoint.listenAddresses().isEmpty() ? "deregister while listening" : "deregister");
        }

        @Override
        public void close() {
        }

        @Override
        public void setStatus(Registration registration, String status) {
        }

        @Override
        public <T> T getStatus(Registration registration) {
            return null;
        }
    }

    static final class FakeRegistration implements Registration {
        final Map<String, String> metadata = new HashMap<>();
        int port;

        public void setPort(int port) {
            this.port = port;
        }

        @Override
        public String getServiceId() {
            return "svc";
        }

        @Override
        public String getHost() {
            return "127.0.0.1";
        }

        @Override
        public int getPort() {
            return port;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public URI getUri() {
            return URI.create("tcp://127.0.0.1:" + port);
        }

        @Override
        public Map<String, String> getMetadata() {
            return metadata;
        }
    }
}
