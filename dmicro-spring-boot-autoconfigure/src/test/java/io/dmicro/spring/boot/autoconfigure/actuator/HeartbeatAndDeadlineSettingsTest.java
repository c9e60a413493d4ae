package io.dmicro.spring.boot.autoconfigure.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPing;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code dmicro.endpoint.heartbeat.*} shown and changed at run time through {@code /actuator/dmicro/heartbeat},
 * and {@code dmicro.endpoint.context-age} / {@code send-deadlines} reaching the engine over a real socket.
 */
class HeartbeatAndDeadlineSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroActuatorAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0", "spring.jmx.enabled=true",
                    "management.endpoints.jmx.exposure.include=dmicro");

    @Test
    void theHeartbeatIsShownAndItsRateAndModeChangeAtRunTime() {
        runner.withPropertyValues("dmicro.endpoint.heartbeat.ping=true", "dmicro.endpoint.heartbeat.rate=10s",
                "dmicro.endpoint.heartbeat.pong=true").run(context -> {
                    DmicroEndpoint actuator = context.getBean(DmicroEndpoint.class);
                    HeartbeatPing ping = context.getBean(HeartbeatPing.class);
                    assertThat(actuator.part("heartbeat")).isEqualTo(new HeartbeatDescriptor(true, "PT10S", "CALL", true));
                    assertThat(actuator.describe().heartbeat().rate()).isEqualTo("PT10S");

                    assertThat(actuator.update("heartbeat", null, null, null, null, "5s", "push").getBody())
                            .isEqualTo(new HeartbeatDescriptor(true, "PT5S", "PUSH", true));
                    assertThat(ping.rate()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(ping.mode()).isEqualTo(HeartbeatPing.Mode.PUSH);

                    assertThatThrownBy(() -> actuator.update("heartbeat", null, null, null, null, "fast", null))
                            .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("rate");
                    assertThatThrownBy(() -> actuator.update("heartbeat", null, null, null, null, "100ms", null))
                            .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("at least");
                    assertThatThrownBy(() -> actuator.update("heartbeat", null, null, null, null, null, "carrier-pigeon"))
                            .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("call or push");
                    assertThat(ping.rate()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void withoutPingTheHeartbeatCannotBeChanged() {
        runner.run(context -> {
            DmicroEndpoint actuator = context.getBean(DmicroEndpoint.class);
            assertThat(actuator.part("heartbeat")).isEqualTo(new HeartbeatDescriptor(false, null, null, false));
            assertThat(actuator.update("heartbeat", null, null, null, null, "5s", null).getStatus()).isEqualTo(404);
        });
    }

    @Test
    void contextAgeAndSendDeadlinesReachTheEngine() {
        runner.withPropertyValues("dmicro.endpoint.context-age=400ms").run(context -> {
            Endpoint server = context.getBean(Endpoint.class);
            assertThat(server.config().contextAge()).isEqualTo(Duration.ofMillis(400));
            assertThat(server.config().sendDeadlines()).isTrue();
            server.router().routeCallFunc("/left", String.class, (ctx, arg) -> String.valueOf(ctx.timeLeft().toMillis()));
            try (Endpoint peer = Endpoint.create()) {
                Session s = peer.dial("127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort());
                long left = Long.parseLong(Session.await(s.call("/left", "?", String.class, CallOptions.DEFAULT)));
                assertThat(left).isBetween(0L, 400L);
            }
        });
        runner.withPropertyValues("dmicro.endpoint.send-deadlines=false")
                .run(context -> assertThat(context.getBean(Endpoint.class).config().sendDeadlines()).isFalse());
        runner.withPropertyValues("dmicro.endpoint.context-age=-1s")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("contextAge"));
    }
}
