package io.dmicro.drpc.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.FaultProxy;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.testing.RawSocketPeer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A graceful close tells the peer, refuses new calls at once and ends when the work in flight does. */
class GracefulDrainIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final AtomicInteger started = new AtomicInteger();

    @AfterEach
    void close() {
        peers.close();
    }

    private Endpoint server(CountDownLatch release) {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/svc/slow", String.class, (ctx, v) -> {
            started.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
            return "done " + v;
        });
        server.router().routeCallFunc("/svc/nap", String.class, (ctx, v) -> {
            started.incrementAndGet();
            Thread.sleep(200); // the work a handler does, not synchronisation
            return "rested " + v;
        });
        return server;
    }

    @Test
    void aDrainingPeerIsToldAndNewCallsFailAtOnceWith503WhileInFlightOnesAreAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Endpoint server = server(release);
        Session client = Peers.dial(peers.endpoint(), server);
        CompletableFuture<String> inFlight = client.call("/svc/slow", "a", String.class);
        Peers.await("handler running", BOUND, () -> started.get() == 1);

        CompletableFuture<Void> closed = server.closeGracefully(Duration.ofSeconds(10));
        Peers.await("client told the server is going away", BOUND, () -> !client.isHealthy());
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client.callSync("/svc/slow", "b", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
                    assertThat(e.notExecuted()).isTrue();
                });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        assertThat(started.get()).isEqualTo(1);

        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("done a");
        closed.get(5, TimeUnit.SECONDS);
        Peers.await("client side closed too", BOUND, () -> client.state().isClosed());
    }

    @Test
    void aCallThatArrivesWhileTheSessionDrainsIsAnswered503WithoutRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Endpoint server = server(release);
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        try (RawSocketPeer raw = new RawSocketPeer(address)) { // a peer that ignores the notice
            raw.write(new Message(1, MessageType.CALL, "/svc/slow").body("\"a\"".getBytes()));
            Peers.await("handler running", BOUND, () -> started.get() == 1);
            CompletableFuture<Void> closed = server.closeGracefully(Duration.ofSeconds(10));

            Message notice = raw.read();
            assertThat(notice.type()).isEqualTo(MessageType.PUSH);
            assertThat(notice.serviceMethod()).isEqualTo("/drpc/goaway");
            assertThat(notice.meta().get("X-Drpc-Last-Call-Read")).isEqualTo("1");
            raw.write(new Message(2, MessageType.CALL, "/svc/slow").body("\"b\"".getBytes()));
            Message refused = raw.read();
            assertThat(refused.seq()).isEqualTo(2);
            assertThat(refused.status().code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
            assertThat(started.get()).isEqualTo(1);

            release.countDown();
            Message answered = raw.read();
            assertThat(answered.seq()).isEqualTo(1);
            assertThat(answered.status().isOk()).isTrue();
            closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theNoticeOfAPeerThatReadNoCallSaysSo() throws Exception {
        Endpoint server = server(new CountDownLatch(0));
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        try (RawSocketPeer raw = new RawSocketPeer(address)) {
            raw.write(new Message(1, MessageType.PUSH, "/svc/nowhere")); // a push is not a call
            Peers.await("session open", BOUND, () -> server.sessionCount() == 1
                    && server.sessions().iterator().next().state() == SessionState.OK);
            server.closeGracefully(Duration.ZERO);
            Message notice = raw.read();
            assertThat(notice.serviceMethod()).isEqualTo("/drpc/goaway");
            assertThat(notice.meta().get("X-Drpc-Last-Call-Read")).isEqualTo("none");
        }
    }

    @Test
    void aCallCutOffByTheClosePastTheLastOneThePeerReadFails503NotRunWhileOneItReadFails102() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Endpoint server = server(release);
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        try (FaultProxy proxy = FaultProxy.start(address)) {
            Session client = peers.endpoint().dial(proxy.address());
            CompletableFuture<String> read = client.call("/svc/slow", "a", String.class);
            Peers.await("handler running", BOUND, () -> started.get() == 1);

            // the next call leaves the client but never reaches the server: it is on the way as the server goes
            proxy.holdUpstream();
            long before = proxy.upstreamBytesRead();
            CompletableFuture<String> unread = client.call("/svc/slow", "b", String.class);
            Peers.await("second call on the way", BOUND, () -> proxy.upstreamBytesRead() > before);
            server.closeGracefully(Duration.ZERO); // no drain: the connection closes under both calls

            assertThat(Peers.failureCode(unread)).isEqualTo(Status.SERVICE_UNAVAILABLE);
            assertThatThrownBy(unread::join).cause().isInstanceOfSatisfying(DrpcException.class, e -> {
                assertThat(e.notExecuted()).isTrue();
                assertThat(e).hasMessageContaining("the peer went away without reading the call (the last it read was 1)");
            });
            // the first was read, and its handler is still running: it may have run
            assertThatThrownBy(read::join).cause().isInstanceOfSatisfying(DrpcException.class, e -> {
                assertThat(e.code()).isEqualTo(Status.CONN_CLOSED);
                assertThat(e.notExecuted()).isFalse();
            });
            assertThat(started.get()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void closingUnderLoadEndsWhenTheHandlersInFlightFinish() throws Exception {
        Endpoint server = server(new CountDownLatch(0));
        List<Session> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(Peers.dial(peers.endpoint(), server));
        }
        List<CompletableFuture<String>> inFlight = new ArrayList<>();
        for (Session c : clients) {
            inFlight.add(c.call("/svc/nap", "x", String.class));
        }
        Peers.await("all four handlers running", BOUND, () -> started.get() == 4);

        long t0 = System.nanoTime();
        server.closeGracefully(Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        for (CompletableFuture<String> f : inFlight) {
            assertThat(f.get(1, TimeUnit.SECONDS)).isEqualTo("rested x");
        }
        assertThat(tookMillis).isLessThan(200 + 1000 + 500); // one handler time plus a second, not the 10 s bound
    }
}
