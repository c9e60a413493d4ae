package io.dmicro.drpc.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.transport.quic.QuicTransport;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Two live sessions never displace each other, whatever ids they show. */
class SessionIdentityIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private Endpoint selfCaller() {
        Endpoint e = peers.endpoint();
        e.router().routeCallFunc("/self/echo", String.class, (ctx, s) -> s + " via " + (ctx.session().isDialed() ? "dialed" : "accepted"));
        return e;
    }

    /** Dials the endpoint's own listener and calls across the connection from both ends, many times. */
    private void callsItself(String listenUri, Function<SocketAddress, String> dialUri) {
        Endpoint e = selfCaller();
        SocketAddress bound = e.listen(listenUri);
        Session dialed = e.dial(dialUri.apply(bound));
        // a QUIC stream reaches the listener with its first message
        assertThat(dialed.callSync("/self/echo", "first", String.class)).isEqualTo("first via accepted");
        Peers.await("both ends registered", BOUND, () -> e.sessionCount() == 2);
        Session accepted = e.sessions().stream().filter(s -> !s.isDialed()).findFirst().orElseThrow();

        for (int i = 0; i < 20; i++) {
            assertThat(dialed.callSync("/self/echo", "d" + i, String.class)).isEqualTo("d" + i + " via accepted");
            assertThat(accepted.callSync("/self/echo", "a" + i, String.class)).isEqualTo("a" + i + " via dialed");
        }
        assertThat(dialed.state()).isEqualTo(SessionState.OK);
        assertThat(accepted.state()).isEqualTo(SessionState.OK);
        assertThat(e.sessions()).containsExactlyInAnyOrder(dialed, accepted);
        assertThat(e.session(dialed.id())).isPresent();
        assertThat(e.session(accepted.id())).isPresent();
    }

    @Test
    void endpointCallsItselfOverTcpWithBothEndsShowingOneId() {
        Endpoint e = selfCaller();
        SocketAddress bound = e.listen("tcp://127.0.0.1:0");
        Session dialed = e.dial(Addresses.format(bound));
        Peers.await("both ends registered", BOUND, () -> e.sessionCount() == 2);
        Session accepted = e.sessions().stream().filter(s -> !s.isDialed()).findFirst().orElseThrow();

        // the original's id rule: the dialed end shows its local address, the accepted end its peer's
        assertThat(accepted.id()).isEqualTo(dialed.id());
        assertThat(e.sessions(dialed.id())).containsExactlyInAnyOrder(dialed, accepted);
        assertThat(e.session(dialed.id())).get().isIn(dialed, accepted);
        for (int i = 0; i < 20; i++) {
            assertThat(dialed.callSync("/self/echo", "d" + i, String.class)).isEqualTo("d" + i + " via accepted");
            assertThat(accepted.callSync("/self/echo", "a" + i, String.class)).isEqualTo("a" + i + " via dialed");
        }
        assertThat(dialed.state()).isEqualTo(SessionState.OK);
        assertThat(accepted.state()).isEqualTo(SessionState.OK);

        dialed.close().join();
        Peers.await("both ends gone", BOUND, () -> e.sessionCount() == 0);
        assertThat(e.session(dialed.id())).isEmpty();
    }

    @Test
    void endpointCallsItselfOverWebSocket() {
        callsItself("ws://127.0.0.1:0/drpc", bound -> "ws://" + Addresses.format(bound) + "/drpc");
    }

    @Test
    void endpointCallsItselfOverUnixSocket() throws Exception {
        Path dir = Files.createTempDirectory("drpc-self");
        dir.toFile().deleteOnExit();
        callsItself("unix://" + dir.resolve("s.sock"), bound -> "unix://" + bound);
    }

    @Test
    void endpointCallsItselfOverQuic() {
        Assumptions.assumeTrue(QuicTransport.isAvailable(), () -> "QUIC is not available here: " + QuicTransport.unavailabilityReason());
        callsItself("quic://127.0.0.1:0", bound -> "quic://" + Addresses.format(bound));
    }

    @Test
    void setIdToATakenIdKeepsBothSessionsAndTheLookupFindsTheNewest() {
        Endpoint server = selfCaller();
        String address = Peers.listen(server);
        Session first = peers.endpoint().dial(address);
        Session second = peers.endpoint().dial(address);
        Peers.await("two accepted sessions", BOUND, () -> server.sessionCount() == 2);
        List<Session> accepted = List.copyOf(server.sessions());
        Session a = accepted.stream().filter(s -> s.remoteAddress().equals(first.localAddress())).findFirst().orElseThrow();
        Session b = accepted.stream().filter(s -> s.remoteAddress().equals(second.localAddress())).findFirst().orElseThrow();

        a.setId("user-1");
        b.setId("user-1");

        assertThat(server.session("user-1")).contains(b);
        assertThat(server.sessions("user-1")).containsExactly(a, b);
        assertThat(first.callSync("/self/echo", "1", String.class)).isEqualTo("1 via accepted");
        assertThat(second.callSync("/self/echo", "2", String.class)).isEqualTo("2 via accepted");
        assertThat(a.state()).isEqualTo(SessionState.OK);

        a.setId("user-1"); // the same id again changes nothing
        assertThat(server.session("user-1")).contains(b);
        b.setId("user-2");
        assertThat(server.session("user-1")).contains(a);
        assertThat(server.session("user-2")).contains(b);
        second.close().join();
        Peers.await("b gone", BOUND, () -> server.sessions("user-2").isEmpty());
        assertThat(server.session("user-1")).contains(a);
        assertThat(server.sessionCount()).isEqualTo(1);
    }
}
