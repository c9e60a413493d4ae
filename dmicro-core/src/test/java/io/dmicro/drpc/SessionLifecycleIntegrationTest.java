package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLifecycleIntegrationTest {

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void sessionAgeEndsTheConnectionEvenWithTraffic() throws Exception {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/ping", String.class, (ctx, s) -> s);
        Session s = Peers.dial(peers.endpoint(), server);
        assertThat(s.callSync("/ping", "x", String.class)).isEqualTo("x");
        Peers.await("server session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
        Session serverSide = server.sessions().iterator().next();

        serverSide.setSessionAge(Duration.ofMillis(100));

        s.closeFuture().get(10, TimeUnit.SECONDS);
        assertThat(s.state()).isEqualTo(SessionState.PASSIVE_CLOSED);
        assertThat(serverSide.sessionAge()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void configuredSessionAgeAppliesToEverySession() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().sessionAge(Duration.ofMillis(200)).build());
        Session s = Peers.dial(peers.endpoint(), server);
        s.closeFuture().get(10, TimeUnit.SECONDS);
        assertThat(s.state()).isEqualTo(SessionState.PASSIVE_CLOSED);
    }

    @Test
    void bytesAreCountedPerSessionAndPerEndpointInBothDirections() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/echo", byte[].class, (ctx, b) -> b);
        Endpoint clientEndpoint = peers.endpoint();
        Session s = Peers.dial(clientEndpoint, server);
        s.callSync("/echo", new byte[1000], byte[].class);
        assertThat(s.bytesSent()).isGreaterThan(1000);
        assertThat(s.bytesReceived()).isGreaterThan(1000);
        assertThat(clientEndpoint.bytesSent()).isEqualTo(s.bytesSent());
        Peers.await("server counted", Duration.ofSeconds(5), () -> server.bytesReceived() == s.bytesSent());
        Peers.await("server counted its reply", Duration.ofSeconds(5), () -> server.bytesSent() == s.bytesReceived());
    }

    @Test
    void unknownPushHandlerReceivesUnroutedPushesAndUnknownPushesAreOtherwiseDropped() throws Exception {
        Endpoint server = peers.endpoint();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        server.router().routeCallFunc("/ok", String.class, (ctx, s) -> s);
        Session s = Peers.dial(peers.endpoint(), server);
        s.push("/nowhere", "lost").get(5, TimeUnit.SECONDS);
        assertThat(s.callSync("/ok", "alive", String.class)).isEqualTo("alive");

        server.router().setUnknownPush((ctx, body) -> seen.add(ctx.serviceMethod() + "=" + ctx.decodeBody(String.class)));
        s.push("/elsewhere", "found").get(5, TimeUnit.SECONDS);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("/elsewhere=found");
    }

    @Test
    void activeCloseRefusesNewCallsAtOnce() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/ok", String.class, (ctx, s) -> s);
        Session s = Peers.dial(peers.endpoint(), server);
        s.close().join();
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE_CLOSED);
        assertThatThrownBy(() -> s.callSync("/ok", "late", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.CONN_CLOSED));
        assertThat(s.isHealthy()).isFalse();
    }

    @Test
    void endpointCloseClosesEverySessionAndTheirPeersSeeIt() throws Exception {
        Endpoint server = peers.endpoint();
        String address = Peers.listen(server);
        Session a = peers.endpoint().dial(address);
        Session b = peers.endpoint().dial(address);
        Peers.await("both sessions", Duration.ofSeconds(5), () -> server.sessionCount() == 2);

        server.closeGracefully(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

        a.closeFuture().get(5, TimeUnit.SECONDS);
        b.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(server.sessionCount()).isZero();
        assertThatThrownBy(() -> server.listen("tcp://127.0.0.1:0")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listeningOnAPortInUseFailsWithTheAddress() {
        Endpoint first = peers.endpoint();
        String address = Peers.listen(first);
        assertThatThrownBy(() -> peers.endpoint().listen("tcp://" + address))
                .isInstanceOf(DrpcException.class).hasMessageContaining(address);
    }

    @Test
    void dialingNobodyFailsWith105() {
        Endpoint nobody = peers.endpoint();
        String address = Peers.listen(nobody);
        nobody.stopAccepting();
        assertThatThrownBy(() -> peers.endpoint().dial(address))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.DIAL_FAILED);
                    // the status is named once: "105 Dial Failed: cannot dial ...: connect to ... failed: ..."
                    assertThat(e.getMessage()).contains("cannot dial").containsOnlyOnce("Dial Failed");
                });
    }

    @Test
    void aPeerThatStopsReadingMakesWritesFailWith104InsteadOfQueueingForever() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().maxPendingWriteBytes(1024 * 1024).build());
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        try (Socket sluggard = new Socket()) {
            sluggard.setReceiveBufferSize(4096);
            sluggard.connect(address);
            Peers.await("session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
            Session toSluggard = server.sessions().iterator().next();
            byte[] chunk = new byte[64 * 1024];
            DrpcException refused = null;
            for (int i = 0; i < 20_000 && refused == null; i++) {
                CompletableFuture<Void> f = toSluggard.push("/data", chunk);
                try {
                    if (i % 16 == 0) {
                        f.get(5, TimeUnit.SECONDS);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    refused = (DrpcException) e.getCause();
                } catch (java.util.concurrent.TimeoutException e) {
                    // the write is queued behind a full socket: keep pushing until the bound trips
                }
                if (f.isCompletedExceptionally()) {
                    refused = (DrpcException) f.handle((v, t) -> t instanceof CompletionException ? t.getCause() : t).join();
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo(Status.WRITE_FAILED);
            assertThat(refused.status().cause()).contains("outbound buffer full");
        }
    }
}
