package io.dmicro.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.session.Session;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DmicroMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroMetricsAutoConfiguration.class))
            .withBean(MathService.class)
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0");

    @Test
    void timesServedCallsCountsPushesWireBytesAndGaugesSessions() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class, DmicroObservationAutoConfiguration.class)).run(context -> {
            Endpoint server = context.getBean(Endpoint.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(server.plugins().all()).extracting(Plugin::name).first().isEqualTo("micrometer-observation");
            try (Endpoint peer = Endpoint.create()) {
                Session s = peer.dial("127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort());
                assertThat(s.call("/math/add", new Args(1, 2), Integer.class).get(10, TimeUnit.SECONDS)).isEqualTo(3);
                s.call("/no/such/route", new Args(1, 2), Integer.class).handle((v, e) -> v).get(10, TimeUnit.SECONDS);
                assertThat(registry.get("dmicro.sessions.active").gauge().value()).isEqualTo(1.0);
                s.push("/math/add", new Args(1, 1)).get(10, TimeUnit.SECONDS);
                org.awaitility.Awaitility.await().until(() -> registry.find("rpc.server.duration").tag("rpc.dmicro.type", "push").timer() != null);
                // every byte one side wrote, the other read: the counters are the wire's, frames and headers included
                org.awaitility.Awaitility.await().until(() -> server.bytesReceived() == s.bytesSent());
                assertThat(registry.get("dmicro.bytes").tag("direction", "in").functionCounter().count()).isEqualTo((double) s.bytesSent());
                assertThat(registry.get("dmicro.bytes").tag("direction", "out").functionCounter().count())
                        .isEqualTo((double) s.bytesReceived()).isEqualTo((double) server.bytesSent());
                // more than the bodies: two calls and a push, each with a 13-byte JSON body and a route of 9 bytes or more
                assertThat(s.bytesSent()).isGreaterThan(3L * (13 + 9));
            }
            double in = registry.get("dmicro.bytes").tag("direction", "in").functionCounter().count();
            assertThat(in).as("monotonic after the session closed").isEqualTo((double) server.bytesReceived()).isPositive();
            assertThat(registry.get("rpc.server.duration").tags("rpc.method", "/math/add", "dmicro.role", "server",
                    "rpc.dmicro.status_code", "0", "rpc.dmicro.type", "call", "rpc.system", "dmicro", "network.protocol.name", "raw")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("rpc.server.duration").tags("rpc.method", "UNKNOWN", "rpc.dmicro.status_code", "404").timer().count())
                    .as("a route the endpoint does not have is one tag value").isEqualTo(1);
            assertThat(registry.find("dmicro.calls").meters()).as("the old name is gone").isEmpty();
            assertThat(registry.find("dmicro.body.bytes").meters()).as("the body-only counters are gone").isEmpty();
        });
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MicrometerClientCallObserver.class)
                .doesNotHaveBean(io.dmicro.drpc.plugin.observation.DrpcObservationPlugin.class));
    }
}
