package io.dmicro.spring.boot.autoconfigure.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistration;
import org.springframework.context.support.GenericApplicationContext;

/** Who registers the endpoint: Spring Cloud's auto-registration only where a web server and an auto-registration exist. */
class DmicroDiscoveryAutoConfigurationTest {

    @Test
    void aContextWithoutWebServerRegistersThroughTheBridge() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(AutoServiceRegistration.class, () -> mock(AutoServiceRegistration.class));
            context.refresh();
            assertThat(DmicroDiscoveryAutoConfiguration.registersWithWebServer(context)).isFalse();
        }
    }

    @Test
    void aWebServerContextWithAnAutoRegistrationLeavesItToSpringCloud() {
        try (WebContext context = new WebContext()) {
            context.registerBean(AutoServiceRegistration.class, () -> mock(AutoServiceRegistration.class));
            context.refresh();
            assertThat(DmicroDiscoveryAutoConfiguration.registersWithWebServer(context)).isTrue();
        }
    }

    /** The etcd registry has no web-server auto-registration: the bridge registers there too. */
    @Test
    void aWebServerContextWithoutAutoRegistrationRegistersThroughTheBridge() {
        try (WebContext context = new WebContext()) {
            context.refresh();
            assertThat(DmicroDiscoveryAutoConfiguration.registersWithWebServer(context)).isFalse();
        }
    }

    static final class WebContext extends GenericApplicationContext implements WebServerApplicationContext {
        @Override
        public WebServer getWebServer() {
            return mock(WebServer.class);
        }

        @Override
        public String getServerNamespace() {
            return null;
        }
    }
}
