package io.dmicro.drpc.transport.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.transport.SocketOptions;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.testing.Peers;
import java.net.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What QUIC adds to the endpoint contract: mandatory TLS, ALPN, listener close, idle timeout and keep-alive. */
class QuicTransportIntegrationTest {

    private final Peers peers = new Peers();

    @BeforeEach
    void needsQuic() {
        Assumptions.assumeTrue(QuicTransport.isAvailable(), () -> "QUIC is not available here: " + QuicTransport.unavailabilityReason());
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    private Endpoint server(SocketOptions options) {
        Endpoint e = peers.endpoint(EndpointConfig.builder().socketOptions(options).build());
        e.router().routeCallFunc("/test/echo", String.class, (ctx, s) -> s);
        return e;
    }

    private Endpoint client(SocketOptions options) {
        return peers.endpoint(EndpointConfig.builder().socketOptions(options).dialTimeout(Duration.ofSeconds(3)).build());
    }

    private static String uri(SocketAddress bound, String query) {
        return "quic://" + Addresses.format(bound) + query;
    }

    @Test
    void aClientThatVerifiesRefusesTheSelfSignedCertificate() {
        SocketAddress bound = server(SocketOptions.DEFAULT).listen("quic://127.0.0.1:0");

        assertThatThrownBy(() -> client(SocketOptions.DEFAULT).dial(uri(bound, "?insecure=false")))
                .isInstanceOf(DrpcException.class).hasMessageContaining("cannot dial");
        assertThat(client(SocketOptions.DEFAULT).dial(uri(bound, "")).callSync("/test/echo", "insecure by default", String.class))
                .isEqualTo("insecure by default");
    }

    @Test
    void sessionsReportTheConnectionsIpAddressesAndAreNamedByThem() {
        Endpoint server = server(SocketOptions.DEFAULT);
        SocketAddress bound = server.listen("quic://127.0.0.1:0");
        Session dialed = client(SocketOptions.DEFAULT).dial(uri(bound, ""));
        dialed.callSync("/test/echo", "hello", String.class);
        Session accepted = server.sessions().iterator().next();

        assertThat(dialed.remoteAddress()).isEqualTo(bound);
        assertThat(dialed.localAddress()).isInstanceOfSatisfying(java.net.InetSocketAddress.class,
                a -> assertThat(a.getPort()).isPositive());
        assertThat(accepted.remoteAddress()).isEqualTo(dialed.localAddress());
        assertThat(accepted.localAddress()).isEqualTo(bound);
        // as over TCP: a dialed session is known by its local address, an accepted one by its peer's
        assertThat(dialed.id()).isEqualTo(Addresses.format(dialed.localAddress()));
        assertThat(accepted.id()).isEqualTo(dialed.id());
    }

    @Test
    void bothSidesMustAgreeOnTheAlpnProtocol() {
        SocketAddress bound = server(SocketOptions.DEFAULT).listen("quic://127.0.0.1:0?alpn=drpc");

        assertThatThrownBy(() -> client(SocketOptions.DEFAULT).dial(uri(bound, "?alpn=other"))).isInstanceOf(DrpcException.class);
        assertThat(client(SocketOptions.DEFAULT).dial(uri(bound, "?alpn=drpc")).callSync("/test/echo", "agreed", String.class))
                .isEqualTo("agreed");
    }

    @Test
    void closingTheListenerKeepsOpenSessionsButRefusesNewConnections() {
        Endpoint server = server(SocketOptions.DEFAULT);
        SocketAddress bound = server.listen("quic://127.0.0.1:0");
        Session open = client(SocketOptions.DEFAULT).dial(uri(bound, ""));
        open.callSync("/test/echo", "before", String.class);

        server.stopAccepting();

        assertThat(open.callSync("/test/echo", "after", String.class)).isEqualTo("after");
        // a refused QUIC handshake looks like silence to the client: its dial times out
        Endpoint late = peers.endpoint(EndpointConfig.builder().dialTimeout(Duration.ofMillis(500)).build());
        assertThatThrownBy(() -> late.dial(uri(bound, ""))).isInstanceOf(DrpcException.class).hasMessageContaining("cannot dial");
        assertThat(open.callSync("/test/echo", "still open", String.class)).isEqualTo("still open");
    }

    @Test
    void keepAliveHoldsAQuietConnectionThatWouldOtherwiseReachTheIdleTimeout() {
        SocketOptions noKeepAlive = new SocketOptions(true, false, -1, -1);
        String idle = "?idleTimeout=1500";
        Session quiet = client(noKeepAlive).dial(uri(server(noKeepAlive).listen("quic://127.0.0.1:0" + idle), idle));
        Session kept = client(SocketOptions.DEFAULT).dial(uri(server(SocketOptions.DEFAULT).listen("quic://127.0.0.1:0" + idle), idle));
        quiet.callSync("/test/echo", "hello", String.class);
        kept.callSync("/test/echo", "hello", String.class);

        quiet.closeFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join(); // dropped by the idle timeout

        assertThat(kept.state()).as("the connection with keep-alives outlived the quiet one").isEqualTo(io.dmicro.drpc.session.SessionState.OK);
        assertThat(kept.callSync("/test/echo", "still here", String.class)).isEqualTo("still here");
    }

    @Test
    void refusesANegativeIdleTimeoutNamingTheSetting() {
        assertThatThrownBy(() -> server(SocketOptions.DEFAULT).listen("quic://127.0.0.1:0?idleTimeout=-1"))
                .hasMessageContaining("idleTimeout must not be negative: -1");
    }
}
