package io.dmicro.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.session.Session;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo server over real sockets: a plain drpc endpoint dials it as any peer would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=all", "demo.push-interval=100ms"})
class DemoServerIntegrationTest {

    @Autowired
    private Endpoint server;

    @Autowired
    private SessionLog sessionLog;

    @LocalServerPort
    private int httpPort;

    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch pushed = new CountDownLatch(1);
    private final CountDownLatch calledBack = new CountDownLatch(1);
    private Endpoint peer;
    private Session session;

    @BeforeEach
    void dial() {
        peer = Endpoint.create();
        peer.router().routePushFunc("/demo/tick", Tick.class, (ctx, tick) -> pushed.countDown());
        peer.router().routeCallFunc("/greeter/hello", Hello.class, (ctx, hello) -> {
            calledBack.countDown();
            return "hi";
        }, RouteOptions.DEFAULT);
        int port = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        session = peer.dial("127.0.0.1:" + port);
        // the server opens its side on its own event loop, just after the dial returns
        await().atMost(Duration.ofSeconds(10)).until(() -> server.sessionCount() == 1);
    }

    @AfterEach
    void close() {
        peer.close();
    }

    @Test
    void addsJsonArguments() throws Exception {
        Integer sum = session.call("/math/add", Map.of("a", 1, "b", 2), Integer.class).get(10, TimeUnit.SECONDS);
        assertThat(sum).isEqualTo(3);
        byte[] raw = session.call("/math/add", "{\"a\":1,\"b\":2}".getBytes(), byte[].class).get(10, TimeUnit.SECONDS);
        assertThat(new String(raw)).isEqualTo("3");
    }

    /** protos=all on the demo includes protobuf (protobuf-java is a demo dependency): a peer dialing ?proto=protobuf is served. */
    @Test
    void servesTheProtobufProtoOnTheSharedPort() throws Exception {
        int port = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        try (Endpoint protobufPeer = Endpoint.create()) {
            Session s = protobufPeer.dial("tcp://127.0.0.1:" + port + "?proto=protobuf");
            assertThat(s.call("/math/add", Map.of("a", 4, "b", 5), Integer.class).get(10, TimeUnit.SECONDS)).isEqualTo(9);
        }
    }

    @Test
    void answersThePlainHttpPostOfTheReadmeOnTheSharedDrpcPort() throws Exception {
        // the README's: curl -d '{"a":1,"b":2}' -H 'Content-Type: application/json' http://localhost:9090/math/add
        int port = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/math/add"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1,\"b\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("3");
    }

    @Test
    void pushesToConnectedSessionsAndCallsThemBack() throws Exception {
        assertThat(pushed.await(10, TimeUnit.SECONDS)).as("a push to /demo/tick").isTrue();
        assertThat(calledBack.await(10, TimeUnit.SECONDS)).as("a call to /greeter/hello").isTrue();
    }

    @Test
    void logsAcceptedAndDisconnectedSessionsFromEvents() throws Exception {
        Session another = peer.dial("127.0.0.1:" + ((InetSocketAddress) server.listenAddresses().get(0)).getPort());
        String address = String.valueOf(another.localAddress());
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionLog.sawConnect(address));
        assertThat(sessionLog.sawDisconnect(address)).isFalse();
        another.close().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionLog.sawDisconnect(address));
    }

    @Test
    void countsWireBytesInMetrics() throws Exception {
        session.call("/math/add", Map.of("a", 1, "b", 2), Integer.class).get(10, TimeUnit.SECONDS);
        String in = get("/actuator/metrics/dmicro.bytes?tag=direction:in");
        assertThat(in).contains("\"name\":\"dmicro.bytes\"").contains("\"baseUnit\":\"bytes\"");
        assertThat(get("/actuator/metrics/dmicro.bytes?tag=direction:out")).contains("\"statistic\":\"COUNT\"");
    }

    @Test
    void actuatorShowsTheEndpointAndTheSession() throws Exception {
        String described = get("/actuator/dmicro");
        assertThat(described).contains("\"/math/add\"").contains("\"running\":true").contains("\"sessionCount\":1");
        String sessions = get("/actuator/dmicro/sessions");
        assertThat(sessions).contains("\"id\":\"" + server.sessions().iterator().next().id() + "\"");
        assertThat(get("/actuator/health/dmicro")).contains("\"status\":\"UP\"");
    }

    @Test
    void actuatorClosesASessionById() throws Exception {
        String id = server.sessions().iterator().next().id();
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(uri("/actuator/dmicro/sessions/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        session.closeFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.session(id).isEmpty());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(uri("/actuator/dmicro/sessions/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
