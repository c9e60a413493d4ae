package io.dmicro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.cli.testapp.TestServiceApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The run-time settings of {@code /actuator/dmicro} over real HTTP: the heartbeat is shown and its
 * rate changed with a POST, the clients part answers, and with {@code access=read-only} the write
 * operations are gone while the values still show.
 */
class ResilienceActuatorHttpIntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static ConfigurableApplicationContext app(String... more) {
        String[] base = {"--server.port=0", "--dmicro.endpoint.listen=tcp://127.0.0.1:0", "--management.endpoints.web.exposure.include=dmicro",
                "--dmicro.endpoint.heartbeat.ping=true", "--dmicro.endpoint.heartbeat.rate=10s", "--dmicro.endpoint.overload.enabled=true",
                "--dmicro.discovery.register=false"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return new SpringApplicationBuilder(TestServiceApp.class).run(args);
    }

    private static String actuator(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/actuator/dmicro";
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHeartbeatRateChangesThroughAPostAndTheClientsPartAnswers() throws Exception {
        try (ConfigurableApplicationContext app = app()) {
            String base = actuator(app);
            HttpResponse<String> hb = get(base + "/heartbeat");
            assertThat(hb.statusCode()).isEqualTo(200);
            assertThat(hb.body()).contains("\"ping\":true").contains("\"rate\":\"PT10S\"").contains("\"mode\":\"CALL\"");

            HttpResponse<String> changed = post(base + "/heartbeat", "{\"rate\":\"5s\",\"mode\":\"push\"}");
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.body()).contains("\"rate\":\"PT5S\"").contains("\"mode\":\"PUSH\"");
            assertThat(app.getBean(io.dmicro.drpc.plugin.heartbeat.HeartbeatPing.class).rate()).isEqualTo(Duration.ofSeconds(5));
            assertThat(get(base).body()).contains("\"heartbeat\":{").contains("\"rate\":\"PT5S\"").contains("\"clients\":[");

            assertThat(post(base + "/heartbeat", "{\"rate\":\"soon\"}").statusCode()).isEqualTo(400);
            assertThat(get(base + "/clients").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readOnlyAccessKeepsTheValuesVisibleAndRefusesChanges() throws Exception {
        try (ConfigurableApplicationContext app = app("--management.endpoint.dmicro.access=read-only")) {
            String base = actuator(app);
            assertThat(get(base + "/heartbeat").body()).contains("\"rate\":\"PT10S\"");
            assertThat(get(base + "/overload").statusCode()).isEqualTo(200);
            assertThat(post(base + "/heartbeat", "{\"rate\":\"5s\"}").statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(post(base + "/overload", "{\"maxConnections\":5}").statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(app.getBean(io.dmicro.drpc.plugin.heartbeat.HeartbeatPing.class).rate()).isEqualTo(Duration.ofSeconds(10));
        }
    }
}
