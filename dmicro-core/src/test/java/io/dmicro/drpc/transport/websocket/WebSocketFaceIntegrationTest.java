package io.dmicro.drpc.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.plugin.BeforeWebSocketHandshake;
import io.dmicro.drpc.plugin.WebSocketHandshake;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** WebSocket as browsers meet it, with the JDK's WebSocket client over a real socket. */
class WebSocketFaceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX = 8 * 1024;

    public record Args(int a, int b) {
    }

    public static class MathService {
        public int add(Args args) {
            return args.a() + args.b();
        }
    }

    /** Refuses upgrades without a token query parameter. */
    static final class TokenCheck implements BeforeWebSocketHandshake {
        volatile WebSocketHandshake seen;

        @Override
        public String name() {
            return "token-check";
        }

        @Override
        public Status beforeWebSocketHandshake(WebSocketHandshake handshake) {
            seen = handshake;
            return handshake.query().containsKey("token") ? Status.OK : Status.of(401, "Unauthorized", "no token");
        }
    }

    private final Peers peers = new Peers();
    private final TokenCheck check = new TokenCheck();
    private InetSocketAddress bound;

    @BeforeEach
    void start() {
        Endpoint server = peers.endpoint(EndpointConfig.builder().maxMessageSize(MAX).plugins(check).build());
        server.router().routeCall(new MathService());
        bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,ws&wsOrigins=http://localhost:8080");
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    @Test
    void aPrettyPrintedRequestIsOneRequest() throws Exception {
        Client c = open("?proto=jsonrpc&token=t", "http://localhost:8080");
        c.ws.sendText("{\n  \"jsonrpc\": \"2.0\",\n  \"method\": \"/math/add\",\n  \"params\": {\n    \"a\": 2,\n    \"b\": 3\n  },\n  \"id\": 9\n}",
                true).get(5, TimeUnit.SECONDS);

        JsonNode reply = JSON.readTree(c.texts.poll(10, TimeUnit.SECONDS));
        assertThat(reply.path("result").asInt()).isEqualTo(5);
        assertThat(reply.path("id").asInt()).isEqualTo(9);
        c.ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"/math/add\",\"params\":{\"a\":1,\"b\":1},\"id\":10}", true);
        assertThat(JSON.readTree(c.texts.poll(10, TimeUnit.SECONDS)).path("id").asInt()).as("no stray -32700 before it").isEqualTo(10);
    }

    @Test
    void anOriginNotAllowedIsRefusedWith403() throws Exception {
        assertThatThrownBy(() -> open("?proto=jsonrpc&token=t", "https://evil.example"))
                .rootCause().hasMessageContaining("status code 403");
        // the refusal names the list the origin is missing from
        try (java.net.Socket socket = new java.net.Socket(bound.getAddress(), bound.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /drpc?proto=jsonrpc HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Origin: https://evil.example\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403")
                    .contains("wsOrigins=http://localhost:8080 does not list it");
        }
    }

    @Test
    void aWebSocketSchemeOriginIsNoBrowserAndIsNotChecked() throws Exception {
        // golang.org/x/net/websocket (the Go original's mixer client) sends ws://<local address><path>;
        // no browser can send a ws: origin, so the wsOrigins list does not apply to it.
        Client c = open("?proto=jsonrpc&token=t", "ws://127.0.0.1:40404/drpc");
        c.ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"/math/add\",\"params\":{\"a\":2,\"b\":2},\"id\":1}", true);
        assertThat(JSON.readTree(c.texts.poll(10, TimeUnit.SECONDS)).path("result").asInt()).isEqualTo(4);
        assertThat(open("?proto=jsonrpc&token=t", "WSS://go.example").ws.isOutputClosed()).isFalse();
    }

    @Test
    void browserOriginsOtherThanTheListedOnesAreStillRefused() {
        for (String origin : new String[] {"null", "http://localhost:8081", "https://localhost:8080", "chrome-extension://abc"}) {
            assertThatThrownBy(() -> open("?proto=jsonrpc&token=t", origin)).as(origin)
                    .rootCause().hasMessageContaining("status code 403");
        }
    }

    @Test
    void aPluginSeesTheUpgradeAndCanRefuseIt() throws Exception {
        assertThatThrownBy(() -> open("?proto=jsonrpc", "http://localhost:8080"))
                .rootCause().hasMessageContaining("status code 401");
        open("?proto=jsonrpc&token=t", null);
        assertThat(check.seen.path()).isEqualTo("/drpc");
        assertThat(check.seen.query()).containsKey("token");
        assertThat(check.seen.header("Upgrade")).isEqualToIgnoringCase("websocket");
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        Client c = open("?proto=jsonrpc&token=t", null);
        c.ws.sendText("[" + "1,".repeat(MAX) + "1]", true);

        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    /**
     * JSON sent without {@code ?proto=} is read by the raw proto as a frame header ("{\"" is a frame
     * size of 2065853043): the client hears 1002 and which query to connect with, not a plain 1000,
     * and the server's log line says the same.
     */
    @Test
    void jsonSentToTheRawProtoClosesWith1002NamingTheJsonRpcQuery() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "io.dmicro.drpc.internal.ProtoFrameDecoder");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            Client c = open("?token=t", null);
            c.ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"/math/add\",\"params\":{\"a\":1,\"b\":2},\"id\":1}", true);

            assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1002);
            assertThat(c.reason.get(10, TimeUnit.SECONDS)).contains("looks like JSON").contains("?proto=jsonrpc");
            assertThat(lines.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("frame size 2065853043").contains("looks like JSON").contains("?proto=jsonrpc"));
        } finally {
            log.detachAppender(lines);
        }
    }

    private record Client(WebSocket ws, BlockingQueue<String> texts, CompletableFuture<Integer> closed, CompletableFuture<String> reason) {
    }

    private Client open(String query, String origin) throws Exception {
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<String> closeReason = new CompletableFuture<>();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        WebSocket ws = b.buildAsync(URI.create("ws://" + Addresses.format(bound) + "/drpc" + query), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    texts.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason.complete(reason);
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeReason.completeExceptionally(error);
                closed.completeExceptionally(error);
            }
        }).get(10, TimeUnit.SECONDS);
        return new Client(ws, texts, closed, closeReason);
    }
}
