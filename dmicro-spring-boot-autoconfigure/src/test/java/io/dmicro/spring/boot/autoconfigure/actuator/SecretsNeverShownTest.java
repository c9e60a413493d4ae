package io.dmicro.spring.boot.autoconfigure.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.internal.DmicroConfigurationFailureAnalyzer;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A known secret in a listen URI appears in no actuator output and no start-up failure report. */
class SecretsNeverShownTest {

    private static final String SECRET = "S3CRET-4242-xyzzy";

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void theStartUpFailureReportRedactsTheKeyPassword() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class))
                .withPropertyValues("dmicro.endpoint.listen=tls://127.0.0.1:0?cert=/nonexistent/c.pem&key=/nonexistent/k.pem&keyPassword=" + SECRET)
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    FailureAnalysis analysis = new DmicroConfigurationFailureAnalyzer().analyze(failure);
                    assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
                    assertThat(analysis.getDescription()).contains("keyPassword=***").doesNotContain(SECRET);
                    assertThat(analysis.getAction()).doesNotContain(SECRET);
                    assertThat(stackTrace(failure)).doesNotContain(SECRET);
                });
    }

    @Test
    void everyActuatorReadRedactsTheKeyPassword() throws Exception {
        try (Endpoint server = Endpoint.create(); Endpoint peer = Endpoint.create()) {
            String listen = "tls://127.0.0.1:0?cert=/pki/c.pem&key=/pki/k.pem&keyPassword=" + SECRET;
            server.listen("tcp://127.0.0.1:0"); // what was bound does not matter: what the actuator shows does
            EndpointLifecycle lifecycle = new EndpointLifecycle(server, List.of(listen), List.of(listen), Duration.ofSeconds(1), List.of());
            DmicroEndpoint actuator = new DmicroEndpoint(server, lifecycle, List.of(listen));
            Session s = peer.dial("127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort());
            s.attributes().put("token", SECRET);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.sessionCount() == 1);
            server.sessions().iterator().next().attributes().put("password", SECRET);
            String id = server.sessions().iterator().next().id();

            StringBuilder everything = new StringBuilder();
            everything.append(actuator.describe());
            for (String part : List.of("sessions", "routes", "listeners", "plugins")) {
                everything.append(actuator.part(part));
            }
            everything.append(actuator.session("sessions", id));
            assertThat(everything.toString()).contains("keyPassword=***").doesNotContain(SECRET);
        }
    }
}
