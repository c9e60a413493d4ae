package io.dmicro.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmicro.drpc.Endpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The same jar twice, as the README runs it: a server, and a client peer (profile client) that dials it. */
class DemoClientIntegrationTest {

    @Test
    void clientCallsServerAndAnswersItsPushesAndCalls() throws Exception {
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(DemoApplication.class).run(
                "--dmicro.endpoint.listen=tcp://127.0.0.1:0", "--server.port=0", "--demo.push-interval=100ms")) {
            int drpcPort = ((InetSocketAddress) server.getBean(Endpoint.class).listenAddresses().get(0)).getPort();
            try (ConfigurableApplicationContext client = new SpringApplicationBuilder(DemoApplication.class).run(
                    "--spring.profiles.active=client", "--demo.server-uri=tcp://127.0.0.1:" + drpcPort, "--server.port=0",
                    "--demo.call-interval=100ms")) {
                ClientPeer.Caller caller = client.getBean(ClientPeer.Caller.class);
                Greeter greeter = client.getBean(Greeter.class);
                Ticks ticks = client.getBean(Ticks.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> caller.lastSum() == 3 && greeter.calls() > 0 && ticks.received() > 0);

                assertThat(client.getBean(Endpoint.class).listenAddresses()).isEmpty();
                String port = client.getEnvironment().getProperty("local.server.port");
                HttpResponse<String> sessions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/dmicro/sessions")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(sessions.body()).contains("\"remoteAddress\":\"127.0.0.1:" + drpcPort + "\"").contains("\"dialed\":true");
            }
        }
    }
}
