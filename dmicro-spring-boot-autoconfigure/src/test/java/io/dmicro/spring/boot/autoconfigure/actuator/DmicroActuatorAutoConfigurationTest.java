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

                assertThat(actuator.close("sessions", id).getBody()).isNotNull();
                session.closeFuture().get(10, TimeUnit.SECONDS);
            }
        });
    }

    /** The OpenAPI part: every listener that serves HTTP is a server; one bound to every interface has a host variable. */
    @Test
    void openApiListsTheListenersThatServeHttpAsServers() {
        runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0,tcp://0.0.0.0:0?protos=raw,http,tcp://127.0.0.1:0?proto=http")
                .run(context -> {
                    Endpoint server = context.getBean(Endpoint.class);
                    @SuppressWarnings("unchecked")
                    java.util.Map<String, Object> doc = (java.util.Map<String, Object>) context.getBean(DmicroEndpoint.class).part("openapi");
                    assertThat(doc).containsEntry("openapi", "3.1.0");
                    assertThat((java.util.Map<String, Object>) doc.get("paths")).containsKey("/math/add");
                    int wildcard = ((InetSocketAddress) server.listenAddresses().get(1)).getPort();
                    int loopback = ((InetSocketAddress) server.listenAddresses().get(2)).getPort();
                    assertThat((java.util.List<java.util.Map<String, Object>>) doc.get("servers")).extracting(m -> m.get("url"))
                            .containsExactly("http://{host}:" + wildcard, "http://127.0.0.1:" + loopback);
                });
    }

    @Test
    void aListenUriServesHttpWhenItSaysSo() {
        io.dmicro.drpc.proto.Proto raw = new io.dmicro.drpc.proto.raw.RawProto(io.dmicro.drpc.proto.raw.RawDialect.DRPC);
        io.dmicro.drpc.proto.Proto http = new io.dmicro.drpc.proto.http.HttpProto();
        assertThat(DmicroEndpoint.servesHttp("tcp://0.0.0.0:9090?protos=all&wsOrigins=x", raw)).isTrue();
        assertThat(DmicroEndpoint.servesHttp("tcp://0.0.0.0:9090?protos=raw, http", raw)).isTrue();
        assertThat(DmicroEndpoint.servesHttp("tcp://0.0.0.0:9090?protos=raw,jsonrpc", http)).isFalse();
        assertThat(DmicroEndpoint.servesHttp("tcp://0.0.0.0:9090?proto=http", raw)).isTrue();
        assertThat(DmicroEndpoint.servesHttp("tcp://0.0.0.0:9090", http)).isTrue();
        assertThat(DmicroEndpoint.servesHttp("tcp://0.0.0.0:9090", raw)).isFalse();
        assertThat(DmicroEndpoint.servesHttp("ws://0.0.0.0:9090/drpc", http)).isFalse();
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
