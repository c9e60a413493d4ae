package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.auth.AuthBearerPlugin;
import io.dmicro.drpc.plugin.auth.AuthCheckerPlugin;
import io.dmicro.drpc.plugin.overload.OverloadLimits;
import io.dmicro.drpc.plugin.overload.OverloadProtection;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.testing.RawSocketPeer;
import io.dmicro.drpc.transport.tcp.NativeTransport;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nobody can starve the endpoint: silent handshakes, slow frames, refused connections. */
class ConnectionBoundsIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        peers.close();
    }

    private Socket silent(InetSocketAddress address) throws Exception {
        Socket s = new Socket();
        s.connect(address, 5000);
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    @Test
    void silentAuthHandshakesHoldNoHandlerThreadSoALegitimateLoginGoesThrough() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(AuthCheckerPlugin.token("t0k3n")).build());
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, v) -> v);
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        for (int i = 0; i < 40; i++) { // more than the handler pool's 16 threads on Java 17
            silent(address);
        }

        long t0 = System.nanoTime();
        Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(AuthBearerPlugin.token("t0k3n")).build());
        Session s = client.dial("127.0.0.1:" + address.getPort());
        assertThat(s.callSync("/svc/echo", "in", String.class)).isEqualTo("in");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3000);
    }

    @Test
    void aSilentAuthPeerIsAnswered408AndClosedAtTheAuthTimeout() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder()
                .plugins(AuthCheckerPlugin.of((session, receive) -> io.dmicro.drpc.plugin.auth.AuthResult.accept(receive.receive(String.class)),
                        Duration.ofMillis(300))).build());
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        try (RawSocketPeer raw = new RawSocketPeer(address)) {
            io.dmicro.drpc.message.Message verdict = raw.read();
            assertThat(verdict.type()).isEqualTo(io.dmicro.drpc.message.MessageType.AUTH_REPLY);
            assertThat(verdict.status().code()).isEqualTo(Status.HANDLE_TIMEOUT);
            io.dmicro.drpc.message.Message notice = raw.read(); // the refusal, as every refused connection gets it
            assertThat(notice.serviceMethod()).isEqualTo("/drpc/goaway");
            assertThat(notice.status().code()).isEqualTo(Status.HANDLE_TIMEOUT);
            assertThat(raw.read()).isNull();
        }
    }

    @Test
    void aFrameThatNeverCompletesClosesTheConnectionAtTheFrameTimeout() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().frameTimeout(Duration.ofMillis(300)).build());
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        try (RawSocketPeer raw = new RawSocketPeer(address)) {
            raw.writeBytes(new byte[] {0, 0, 0, 40, 1}); // a header announcing 40 bytes, then one
            long t0 = System.nanoTime();
            Peers.await("closed", BOUND, () -> {
                try {
                    return raw.closedByPeer();
                } catch (Exception e) {
                    return true;
                }
            });
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
        }
    }

    @Test
    void anHttpBodyDribbledAChunkAtATimeIsClosedAtTheFrameTimeout() throws Exception {
        InetSocketAddress address = httpServer(Duration.ofMillis(300));
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.getOutputStream().write(("POST /svc/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            long closedAfter = dribbleUntilClosed(s, "1\r\na\r\n");
            assertThat(closedAfter).as("closed by the frame timeout, not before it").isGreaterThanOrEqualTo(250);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
        }
    }

    @Test
    void anHttpHeadDribbledAByteAtATimeIsClosedAtTheFrameTimeout() throws Exception {
        InetSocketAddress address = httpServer(Duration.ofMillis(300));
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.getOutputStream().write("GET /svc/echo HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(dribbleUntilClosed(s, "X")).isLessThan(5000);
        }
    }

    @Test
    void anIdleKeepAliveConnectionBetweenHttpRequestsOutlivesTheFrameTimeout() throws Exception {
        InetSocketAddress address = httpServer(Duration.ofMillis(300));
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(10_000);
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            for (String body : List.of("one", "two")) {
                s.getOutputStream().write(("POST /svc/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("HTTP/1.1 200");
                String line;
                int length = -1;
                while (!(line = in.readLine()).isEmpty()) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] reply = new char[length];
                assertThat(in.read(reply)).isEqualTo(length);
                assertThat(new String(reply)).contains(body);
                // idle past the frame timeout: no request has begun, so nothing is timed
                s.setSoTimeout(600);
                assertThat(readOrTimeOut(s)).as("the idle connection stays open").isFalse();
                s.setSoTimeout(10_000);
            }
        }
    }

    private InetSocketAddress httpServer(Duration frameTimeout) {
        Endpoint server = peers.endpoint(EndpointConfig.builder().frameTimeout(frameTimeout).build());
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, v) -> v);
        return (InetSocketAddress) server.listen("tcp://127.0.0.1:0?proto=http");
    }

    /**
     * Sends {@code piece} every 100 ms (the read timeout paces it) until the server closes; returns
     * the milliseconds that took. Fails after 10 s.
     */
    private static long dribbleUntilClosed(Socket s, String piece) throws Exception {
        long t0 = System.nanoTime();
        s.setSoTimeout(100);
        while (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 10) {
            try {
                s.getOutputStream().write(piece.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (java.io.IOException reset) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            if (readOrTimeOut(s)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
        }
        throw new AssertionError("the dribbling connection was still open after 10 s");
    }

    /** Whether the peer closed (end of stream or reset) before the socket's read timeout. */
    private static boolean readOrTimeOut(Socket s) throws Exception {
        try {
            int b = s.getInputStream().read();
            if (b >= 0) {
                throw new AssertionError("unexpected byte from the server: " + b);
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    @Test
    void aConnectionThatNeverFinishesSniffingClosesAtTheHandshakeTimeout() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().handshakeTimeout(Duration.ofMillis(300)).build());
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=all");
        try (RawSocketPeer raw = new RawSocketPeer(address)) {
            raw.writeBytes(new byte[] {0}); // not enough to tell the proto
            Peers.await("closed", BOUND, () -> {
                try {
                    return raw.closedByPeer();
                } catch (Exception e) {
                    return true;
                }
            });
        }
    }

    @ParameterizedTest(name = "native transport: {0}")
    @ValueSource(booleans = {false, true})
    void aConnectionRefusedByOverloadFailsAsADialOrItsCallsAsNotExecutedNeverAs102(boolean nativeTransport) throws Exception {
        if (nativeTransport) {
            assumeTrue(NativeTransport.isAvailable(), NativeTransport.unavailabilityReason());
        }
        SocketOptions options = SocketOptions.DEFAULT.withNativeTransport(nativeTransport);
        Endpoint server = peers.endpoint(EndpointConfig.builder().socketOptions(options)
                .plugins(new OverloadProtection(OverloadLimits.NONE.withMaxConnections(1))).build());
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, v) -> v);
        String address = Peers.listen(server);
        Endpoint client = peers.endpoint(EndpointConfig.builder().socketOptions(options).build());
        Session admitted = client.dial(address);
        assertThat(admitted.callSync("/svc/echo", "in", String.class)).isEqualTo("in");

        int dialsRefused = 0;
        int callsRefused = 0;
        for (int i = 0; i < 200; i++) {
            try {
                Session s = client.dial(address);
                s.callSync("/svc/echo", "x", String.class);
                throw new AssertionError("a refused connection served a call");
            } catch (DrpcException e) {
                assertThat(e.code()).as("%s", e).isIn(Status.DIAL_FAILED, Status.SERVICE_UNAVAILABLE);
                assertThat(e.notExecuted()).isTrue();
                assertThat(e.getMessage()).contains("connection overload");
                if (e.code() == Status.DIAL_FAILED) {
                    dialsRefused++;
                } else {
                    callsRefused++;
                }
            }
        }
        assertThat(dialsRefused + callsRefused).isEqualTo(200);
    }
}
