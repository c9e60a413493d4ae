package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void aConnectionRefusedByOverloadFailsAsADialOrItsCallsAsNotExecutedNeverAs102() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder()
                .plugins(new OverloadProtection(OverloadLimits.NONE.withMaxConnections(1))).build());
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, v) -> v);
        String address = Peers.listen(server);
        Session admitted = peers.endpoint().dial(address);
        assertThat(admitted.callSync("/svc/echo", "in", String.class)).isEqualTo("in");

        int dialsRefused = 0;
        int callsRefused = 0;
        for (int i = 0; i < 20; i++) {
            try {
                Session s = peers.endpoint().dial(address);
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
        assertThat(dialsRefused + callsRefused).isEqualTo(20);
    }
}
