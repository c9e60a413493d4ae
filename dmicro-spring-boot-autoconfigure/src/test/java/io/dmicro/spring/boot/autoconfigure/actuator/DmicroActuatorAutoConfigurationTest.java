package io.dmicro.spring.boot.autoconfigure.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DmicroActuatorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroActuatorAutoConfiguration.class))
            .withBean(MathService.class)
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0", "spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=dmicro");

    @Test
    void describesListenersRoutesAndSessionsAndClosesOneById() {
        runner.run(context -> {
            Endpoint server = context.getBean(Endpoint.class);
            DmicroEndpoint actuator = context.getBean(DmicroEndpoint.class);
            try (Endpoint peer = Endpoint.create()) {
                Session session = peer.dial("127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort());
                // the accepting side opens its session on its own event loop, just after the dial returns
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.sessionCount() == 1);
                EndpointDescriptor d = actuator.describe();
                assertThat(d.running()).isTrue();
                assertThat(d.listeners()).singleElement().satisfies(l -> assertThat(l.uri()).isEqualTo("tcp://127.0.0.1:0"));
                assertThat(d.listeners().get(0).boundAddress()).startsWith("127.0.0.1:").doesNotEndWith(":0");
                assertThat(d.routes()).extracting(RouteDescriptor::name).contains("/math/add");
                assertThat(d.sessionCount()).isEqualTo(1);

                String id = server.sessions().iterator().next().id();
                assertThat(((SessionsDescriptor) actuator.part("sessions")).sessions()).extracting(SessionDescriptor::id).containsExactly(id);
                assertThat(actuator.part("routes")).isNull();
                assertThat(actuator.session("sessions", id).dialed()).isFalse();
                assertThat(actuator.session("sessions", "nope")).isNull();

                assertThat(actuator.close("sessions", id)).isNotNull();
                session.closeFuture().get(10, TimeUnit.SECONDS);
            }
        });
    }

    @Test
    void healthIsUpWhileRunningAndDownOnceStopped() {
        runner.run(context -> {
            DmicroHealthIndicator health = context.getBean(DmicroHealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            context.getBean(io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle.class).stop();
            context.getBean(Endpoint.class).closeGracefully(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void backsOffWhenEndpointIsNotExposedOrHealthDisabled() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroActuatorAutoConfiguration.class))
                .withPropertyValues("dmicro.endpoint.listen=", "management.health.dmicro.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(DmicroEndpoint.class);
                    assertThat(context).doesNotHaveBean(DmicroHealthIndicator.class);
                });
    }
}
