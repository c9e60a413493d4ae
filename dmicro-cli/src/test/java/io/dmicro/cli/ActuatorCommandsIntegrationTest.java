package io.dmicro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.cli.testapp.TestServiceApp;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.overload.OverloadProtection;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code dmicro sessions}, {@code close} and {@code overload} as processes against a Spring Boot service's actuator. */
class ActuatorCommandsIntegrationTest {

    static ConfigurableApplicationContext app;
    static String actuator;
    static String drpc;
    static Endpoint client;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(TestServiceApp.class).run("--server.port=0", "--dmicro.endpoint.listen=tcp://127.0.0.1:0",
                "--management.endpoints.web.exposure.include=dmicro", "--dmicro.endpoint.overload.enabled=true",
                "--dmicro.endpoint.overload.max-connections=100", "--dmicro.discovery.register=false");
        actuator = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/actuator";
        Endpoint server = app.getBean(Endpoint.class);
        drpc = "127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        client = Endpoint.create();
    }

    @AfterAll
    static void stop() {
        client.close();
        app.close();
    }

    @Test
    void sessionsListsTheServicesSessionsAndCloseEndsOne() {
        Session session = client.dial(drpc);
        Peers.await("the service sees the session", Duration.ofSeconds(10), () -> app.getBean(Endpoint.class).sessionCount() == 1);
        String id = app.getBean(Endpoint.class).sessions().iterator().next().id();

        Cli.Run list = Cli.run("sessions", actuator);
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).contains("ID").contains(id).contains("accept").contains("1 sessions");
        // the service's bare address, as a newcomer types it: its actuator is at Boot's default /actuator
        Cli.Run bare = Cli.run("sessions", actuator.substring(0, actuator.length() - "/actuator".length()));
        assertThat(bare.exit()).as(bare.output()).isZero();
        assertThat(bare.output()).contains(id).contains("1 sessions");

        Cli.Run close = Cli.run("close", actuator, id);
        assertThat(close.exit()).as(close.output()).isZero();
        assertThat(close.output()).contains("closing session " + id);
        assertThat(session.closeFuture()).succeedsWithin(Duration.ofSeconds(10));

        Cli.Run missing = Cli.run("close", actuator, "no-such-session");
        assertThat(missing.exit()).isEqualTo(ExitCode.ACTUATOR);
        assertThat(missing.output()).contains("no session no-such-session").doesNotContain("exposed");
        assertThat(Cli.run("sessions", "http://127.0.0.1:1/actuator").exit()).isEqualTo(ExitCode.ACTUATOR);
    }

    @Test
    void aMissingPartIsToldApartFromAnEndpointThatIsNotExposed() throws Exception {
        // the actuator answers both with a bare 404: a service without overload protection (the demo,
        // say) is told so, and a URL where no dmicro endpoint answers is asked about its exposure
        try (ConfigurableApplicationContext plain = new SpringApplicationBuilder(TestServiceApp.class).run("--server.port=0",
                "--dmicro.endpoint.listen=tcp://127.0.0.1:0", "--management.endpoints.web.exposure.include=dmicro",
                "--dmicro.discovery.register=false")) {
            String base = "http://127.0.0.1:" + plain.getEnvironment().getProperty("local.server.port");
            Cli.Run noPlugin = Cli.run("overload", base + "/actuator");
            assertThat(noPlugin.exit()).isEqualTo(ExitCode.ACTUATOR);
            assertThat(noPlugin.output()).contains("overload protection is not installed on this service")
                    .contains("dmicro.endpoint.overload.enabled=true").doesNotContain("exposed");
            // a write to the missing part is 404 too, not Boot's 204 for a write that returned nothing,
            // which made the command print limits as if they had been set
            Cli.Run noPluginSet = Cli.run("overload", base + "/actuator", "--max-rate", "5");
            assertThat(noPluginSet.exit()).isEqualTo(ExitCode.ACTUATOR);
            assertThat(noPluginSet.output()).contains("POST").contains("overload protection is not installed on this service")
                    .doesNotContain("max-rate ");
            java.net.http.HttpResponse<String> post = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(base + "/actuator/dmicro/overload")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"maxConnections\":5}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(404);
            Cli.Run notThere = Cli.run("overload", base + "/not-the-actuator");
            assertThat(notThere.exit()).isEqualTo(ExitCode.ACTUATOR);
            assertThat(notThere.output()).contains("management.endpoints.web.exposure.include=dmicro")
                    .doesNotContain("overload protection");
        }
    }

    @Test
    void overloadReadsTheLimitsAndSetsThemAtRunTime() {
        Cli.Run read = Cli.run("overload", actuator);
        assertThat(read.exit()).as(read.output()).isZero();
        assertThat(read.output()).contains("max-connections  100").contains("max-rate         off");

        Cli.Run set = Cli.run("overload", actuator, "--max-rate", "5000", "--max-route-rate", "/greeter/hello=50", "--json");
        assertThat(set.exit()).as(set.output()).isZero();
        JsonNode limits = BodyFormat.JSON.readTree(set.jsonLine());
        assertThat(limits.path("maxTotalRate").asInt()).isEqualTo(5000);
        assertThat(limits.path("maxConnections").asInt()).isEqualTo(100);
        assertThat(limits.path("maxRouteRates").path("/greeter/hello").asInt()).isEqualTo(50);

        OverloadProtection plugin = app.getBean(OverloadProtection.class);
        assertThat(plugin.limits().maxTotalRate()).isEqualTo(5000);
        assertThat(plugin.limits().maxRouteRates()).containsEntry("/greeter/hello", 50);

        // the limit bites: one connection at most, so a second dial is refused
        assertThat(Cli.run("overload", actuator, "--max-connections", "1", "--max-rate", "0").exit()).isZero();
        Session first = client.dial(drpc);
        Peers.await("the first session counted", Duration.ofSeconds(10), () -> plugin.connections() == 1);
        Cli.Run refused = Cli.run("call", drpc, "/greeter/hello", "{\"from\":\"cli\"}");
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        first.close().join();
        assertThat(Cli.run("overload", actuator, "--max-connections", "0").exit()).isZero();
        Cli.Run ok = Cli.run("call", drpc, "/greeter/hello", "{\"from\":\"cli\"}");
        assertThat(ok.output()).contains("hello cli from");
    }
}
