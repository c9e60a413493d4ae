package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.testing.Peers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients we did not write, all against one shared port (as the demo runs): the JDK's
 * HttpClient, the JDK's WebSocket client, and a plain socket writing JSON-RPC 2.0 text.
 */
class ForeignClientsIntegrationTest {

    public record Args(int a, int b) {
    }

    /** The demo's route: {@code /math/add}. */
    public static class MathService {
        public int add(Args args) {
            return args.a() + args.b();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Peers peers = new Peers();
    private final BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
    private Endpoint server;
    private InetSocketAddress bound;

    @BeforeEach
    void start() {
        server = peers.endpoint();
        server.router().routeCall(new MathService());
        server.router().routePushFunc("/chat/say", String.class, (PushContext ctx, String s) -> pushes.add(s));
        server.router().routeCallFunc("/chat/subscribe", String.class, (ctx, topic) -> {
            ctx.session().push("/chat/news", "welcome to " + topic);
            return "ok";
        });
        // on the I/O thread: its three pushes and its reply are written within one flush
        server.router().routeCallFunc("/chat/burst", String.class, (ctx, topic) -> {
            for (int i = 1; i <= 3; i++) {
                ctx.session().push("/chat/news", topic + " " + i);
            }
            return "ok";
        }, io.dmicro.drpc.router.RouteOptions.nonBlockingRoute());
        bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,http,jsonrpc,ws");
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    private String http(String path) {
        return "http://" + Addresses.format(bound) + path;
    }

    @Test
    void jdkHttpClientCallsARouteAsCurlWould() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(http("/math/add")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1,\"b\":2}")).build();

        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(request, HttpResponse.BodyHandlers.ofString()); // same kept-alive connection

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("3");
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(second.body()).isEqualTo("3");
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void jdkHttpClientGets404WithTheJsonStatusForAnUnknownRoute() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(http("/math/nope?trace=1")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Drpc-Status")).hasValueSatisfying(v -> assertThat(v).contains("\"code\":404"));
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.get("code").asInt()).isEqualTo(404);
        assertThat(status.get("msg").asString()).isEqualTo("Not Found");
    }

    @Test
    void jdkWebSocketCallsWithJsonRpcTextAndReceivesAPush() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + Addresses.format(bound) + "/drpc?proto=jsonrpc"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString().strip());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);

        ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"math.add\",\"params\":{\"a\":20,\"b\":22},\"id\":\"call-1\"}", true).get(5, TimeUnit.SECONDS);
        JsonNode reply = JSON.readTree(received.poll(5, TimeUnit.SECONDS));
        assertThat(reply.get("id").asString()).isEqualTo("call-1");
        assertThat(reply.get("result").asInt()).isEqualTo(42);

        ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"/chat/subscribe\",\"params\":\"sports\",\"id\":2}", true).get(5, TimeUnit.SECONDS);
        String first = received.poll(5, TimeUnit.SECONDS);
        String second = received.poll(5, TimeUnit.SECONDS);
        JsonNode push = JSON.readTree(first.contains("\"method\"") ? first : second);
        assertThat(push.has("id")).isFalse();
        assertThat(push.get("method").asString()).isEqualTo("/chat/news");
        assertThat(push.get("params").asString()).isEqualTo("welcome to sports");

        // messages written within one flush still reach a WebSocket client one per WebSocket message
        ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"/chat/burst\",\"params\":\"goal\",\"id\":3}", true).get(5, TimeUnit.SECONDS);
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            burst.add(JSON.readTree(message).toString()); // exactly one JSON value per message, or this throws
        }
        assertThat(burst).filteredOn(m -> m.contains("/chat/news")).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"method\":\"/chat/news\",\"params\":\"goal 1\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"/chat/news\",\"params\":\"goal 2\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"/chat/news\",\"params\":\"goal 3\"}");
        assertThat(burst).filteredOn(m -> m.contains("\"id\":3")).singleElement().asString().contains("\"result\":\"ok\"");

        ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"/chat/say\",\"params\":\"hello from the browser\"}", true).get(5, TimeUnit.SECONDS);
        assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo("hello from the browser");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void plainSocketSpeaksJsonRpc2() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(bound, 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            // a request with named params
            send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"math.add\",\"params\":{\"a\":1,\"b\":2},\"id\":1}");
            JsonNode r = JSON.readTree(in.readLine());
            assertThat(r.get("jsonrpc").asString()).isEqualTo("2.0");
            assertThat(r.get("id").asInt()).isEqualTo(1);
            assertThat(r.get("result").asInt()).isEqualTo(3);

            // a notification: no answer, the handler runs
            send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"/chat/say\",\"params\":\"note\"}");
            assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo("note");

            // unknown method
            send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":\"x\"}");
            r = JSON.readTree(in.readLine());
            assertThat(r.get("id").asString()).isEqualTo("x");
            assertThat(r.get("error").get("code").asInt()).isEqualTo(-32601);
            assertThat(r.get("error").get("message").asString()).isEqualTo("Method not found");

            // parse error: id null
            send(out, "{\"jsonrpc\":\"2.0\",\"method\"");
            r = JSON.readTree(in.readLine());
            assertThat(r.get("id").isNull()).isTrue();
            assertThat(r.get("error").get("code").asInt()).isEqualTo(-32700);

            // invalid request
            send(out, "{\"jsonrpc\":\"2.0\",\"method\":1,\"params\":\"bar\",\"id\":3}");
            r = JSON.readTree(in.readLine());
            assertThat(r.get("error").get("code").asInt()).isEqualTo(-32600);
            assertThat(r.get("id").asInt()).isEqualTo(3);

            // invalid params: the body cannot become the route's argument
            send(out, "{\"jsonrpc\":\"2.0\",\"method\":\"math.add\",\"params\":[\"x\"],\"id\":4}");
            r = JSON.readTree(in.readLine());
            assertThat(r.get("error").get("code").asInt()).isEqualTo(-32602);

            // a batch: two calls, a notification, an invalid element -> one array of three
            send(out, "[{\"jsonrpc\":\"2.0\",\"method\":\"math.add\",\"params\":{\"a\":1,\"b\":1},\"id\":10},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"/chat/say\",\"params\":\"in batch\"},"
                    + "1,"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"math.add\",\"params\":{\"a\":2,\"b\":2},\"id\":11}]");
            JsonNode batch = JSON.readTree(in.readLine());
            assertThat(batch.isArray()).isTrue();
            assertThat(batch.size()).isEqualTo(3);
            java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
            batch.forEach(e -> byId.put(e.get("id").toString(), e));
            assertThat(byId.get("10").get("result").asInt()).isEqualTo(2);
            assertThat(byId.get("11").get("result").asInt()).isEqualTo(4);
            assertThat(byId.get("null").get("error").get("code").asInt()).isEqualTo(-32600);
            assertThat(pushes.poll(5, TimeUnit.SECONDS)).isEqualTo("in batch");

            // an empty array is an invalid request
            send(out, "[]");
            assertThat(JSON.readTree(in.readLine()).get("error").get("code").asInt()).isEqualTo(-32600);
        }
    }

    @Test
    void sharedPortServesRawDrpcClientsToo() {
        Endpoint client = peers.endpoint();
        assertThat(client.dial(Addresses.format(bound)).callSync("/math/add", new Args(5, 6), Integer.class)).isEqualTo(11);
    }

    @Test
    void sharedPortGivesASilentPeerTheFirstListedProto() throws Exception {
        Endpoint client = peers.endpoint();
        client.router().routeCallFunc("/client/hello", String.class, (ctx, s) -> "hello " + s);
        client.dial(Addresses.format(bound));
        Peers.await("server session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);

        assertThat(server.sessions().iterator().next().callSync("/client/hello", "server", String.class)).isEqualTo("hello server");
    }

    private static void send(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
