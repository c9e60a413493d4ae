package io.dmicro.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.drpc.transport.quic.QuicTransport;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The original's transports beside TCP: unix sockets, QUIC (quic-go against Netty's quiche) and
 * its websocket mixer, each both ways (a call, and the server calling back).
 */
class TransportsInteropTest {

    @TempDir
    Path dir;

    static Endpoint javaEndpoint() {
        Endpoint ep = Endpoint.create(EndpointConfig.builder().callTimeout(Duration.ofSeconds(10)).build());
        JavaRoutes.on(ep);
        return ep;
    }

    static void javaCalls(Session s) {
        assertThat(Session.<Greeting>await(s.call("/echo", new Greeting("t", 1), Greeting.class))).isEqualTo(new Greeting("hello t", 2));
        assertThat(Session.<Greeting>await(s.call("/call/back", new Greeting("cb", 1), Greeting.class))).isEqualTo(new Greeting("hello cb", 2));
    }

    static void goCalls(GoClient go, GoClient.Command to) {
        JsonNode r = go.run(to.call("/echo", "greeting", "j").greeting("t", 1));
        assertThat(r.get("code").asInt()).as("%s", r).isZero();
        assertThat(r.get("body").get("name").asString()).isEqualTo("hello t");
        JsonNode cb = go.run(to.call("/call/back", "greeting", "j").greeting("cb", 1));
        assertThat(cb.get("code").asInt()).as("%s", cb).isZero();
        assertThat(cb.get("body").get("name").asString()).isEqualTo("hello cb");
    }

    @Test
    void unixSocketJavaClientToGoServer() {
        try (GoServer go = GoServer.start("-network", "unix", "-dir", dir.toString(), "-protos", "raw,json");
             Endpoint java = javaEndpoint()) {
            javaCalls(java.dial("unix://" + go.address("raw")));
            javaCalls(java.dial("unix://" + go.address("json") + "?proto=json"));
        }
    }

    @Test
    void unixSocketGoClientToJavaServer() {
        Path sock = dir.resolve("java.sock");
        try (Endpoint java = javaEndpoint(); GoClient go = GoClient.start()) {
            java.listen("unix://" + sock);
            assertThat(Files.exists(sock)).isTrue();
            goCalls(go, GoClient.to("unix", sock.toString(), "raw"));
        }
    }

    static void assumeQuic() {
        ExternalTools.assume(QuicTransport.isAvailable(), "Netty's native QUIC is not available here: " + QuicTransport.unavailabilityReason());
    }

    @Test
    void quicJavaClientToGoServer() {
        assumeQuic();
        // The Go server makes a self-signed certificate as the original does; our client without
        // ca= accepts it. ALPN must agree: drpc on both sides.
        try (GoServer go = GoServer.start("-network", "quic", "-protos", "raw"); Endpoint java = javaEndpoint()) {
            javaCalls(java.dial("quic://" + go.address("raw")));
        }
    }

    @Test
    void quicGoClientToJavaServer() {
        assumeQuic();
        try (Endpoint java = javaEndpoint(); GoClient go = GoClient.start()) {
            // A short idle timeout: the Go process is killed at the end, and its connection would
            // otherwise hold the listener's close for quic-go's 30 s default.
            SocketAddress a = java.listen("quic://127.0.0.1:0?idleTimeout=2000");
            goCalls(go, GoClient.to("quic", "127.0.0.1:" + ((InetSocketAddress) a).getPort(), "raw"));
        }
    }

    @Test
    void webSocketMixerCarryingDrpcFramesJavaClientToGoServer() {
        try (GoServer go = GoServer.start("-network", "ws", "-protos", "raw"); Endpoint java = javaEndpoint()) {
            javaCalls(java.dial("ws://" + go.address("ws") + "/raw"));
        }
    }

    @Test
    void webSocketMixerCarryingDrpcFramesGoClientToJavaServer() {
        try (Endpoint java = javaEndpoint(); GoClient go = GoClient.start()) {
            SocketAddress a = java.listen("ws://127.0.0.1:0/raw");
            goCalls(go, GoClient.to("ws", "127.0.0.1:" + ((InetSocketAddress) a).getPort(), "raw"));
        }
    }

    /**
     * The original's own WebSocket sub-protos: {@code ws-json} is its default jsonSubProto (what a
     * Go client from {@code websocket.NewClient(...).DialJSON} or a page written for it sends),
     * {@code ws-pb} its pbSubProto.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"json,ws-json", "pb,ws-pb"})
    void webSocketSubProtosJavaClientToGoServer(String goPath, String javaProto) {
        try (GoServer go = GoServer.start("-network", "ws", "-protos", "raw"); Endpoint java = javaEndpoint()) {
            javaCalls(java.dial("ws://" + go.address("ws") + "/" + goPath + "?proto=" + javaProto));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"json,ws-json", "pb,ws-pb"})
    void webSocketSubProtosGoClientToJavaServer(String goPath, String javaProto) {
        try (Endpoint java = javaEndpoint(); GoClient go = GoClient.start()) {
            SocketAddress a = java.listen("ws://127.0.0.1:0/" + goPath + "?proto=" + javaProto);
            GoClient.Command to = GoClient.to("ws", "127.0.0.1:" + ((InetSocketAddress) a).getPort(), goPath);
            goCalls(go, to);
            // pushes both ways over the sub-proto
            JsonNode pushed = go.run(GoClient.to("ws", "127.0.0.1:" + ((InetSocketAddress) a).getPort(), goPath)
                    .with("op", "push").with("route", "/push/in").with("body", "greeting").greeting("wsp-" + goPath, 1));
            assertThat(pushed.get("code").asInt()).isZero();
            go.process().awaitLine("^PUSHED (\\{\"name\":\"pushed wsp-" + goPath + "\",\"n\":2\\})$", Duration.ofSeconds(10));
        }
    }
}
