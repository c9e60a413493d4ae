package io.dmicro.drpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.DefaultSession;
import io.dmicro.drpc.plugin.AfterAccept;
import io.dmicro.drpc.plugin.AfterDial;
import io.dmicro.drpc.plugin.BeforeWriteCall;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.CallTimeoutException;
import io.dmicro.drpc.status.ConnectionClosedException;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redial edges: deadlines while redialing, a reconnect that breaks while being prepared, the one resend. */
class RedialEdgesIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    private final Peers peers = new Peers();
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void close() {
        peers.close();
    }

    private Endpoint server(EndpointConfig config) {
        Endpoint server = peers.endpoint(config);
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, s) -> {
            handled.incrementAndGet();
            return "echo " + s;
        });
        return server;
    }

    private static EndpointConfig.Builder redialing(int times) {
        return EndpointConfig.builder().redialTimes(times).redialInterval(Duration.ofMillis(20));
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the future succeeded");
    }

    @Test
    void callAndPushMadeWhileRedialingFailWith408AtTheirTimeout() throws Exception {
        Endpoint first = server(EndpointConfig.builder().build());
        int port = ((InetSocketAddress) first.listen("tcp://127.0.0.1:0")).getPort();
        Session s = peers.endpoint(redialing(-1).build()).dial("127.0.0.1:" + port);
        first.close();
        Peers.await("redialing", BOUND, () -> s.state() == SessionState.REDIALING || s.state() == SessionState.PREPARING);

        long start = System.nanoTime();
        CompletableFuture<String> call = s.call("/svc/echo", "x", String.class, CallOptions.timeout(Duration.ofMillis(300)));
        CompletableFuture<Void> push = s.push("/svc/echo", "x", CallOptions.timeout(Duration.ofMillis(300)));
        Throwable callError = failure(call);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(callError).isInstanceOf(CallTimeoutException.class);
        assertThat(((DrpcException) callError).notExecuted()).isTrue(); // never written: safe to retry
        assertThat(tookMillis).isBetween(300L, 3000L);
        assertThat(failure(push)).isInstanceOf(CallTimeoutException.class);
        assertThat(s.state()).isIn(SessionState.REDIALING, SessionState.PREPARING); // still trying
    }

    @Test
    void aReconnectThatBreaksWhileItIsPreparedIsOneFailedAttemptNotTheEnd() throws Exception {
        Endpoint first = server(EndpointConfig.builder().build());
        int port = ((InetSocketAddress) first.listen("tcp://127.0.0.1:0")).getPort();
        AtomicInteger redialHandshakes = new AtomicInteger();
        // the first redial's handshake lasts until the server has dropped the connection under it
        AfterDial waitsForTheDrop = (session, isRedial) -> {
            if (isRedial && redialHandshakes.incrementAndGet() == 1) {
                ((DefaultSession) session).channel().closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
            return Status.OK;
        };
        Session s = peers.endpoint(redialing(-1).plugins(waitsForTheDrop).build()).dial("127.0.0.1:" + port);
        assertThat(s.callSync("/svc/echo", "1", String.class)).isEqualTo("echo 1");

        first.close();
        Peers.await("client noticed", BOUND, () -> s.state() != SessionState.OK);
        AtomicInteger accepts = new AtomicInteger();
        AfterAccept dropsTheFirst = session -> accepts.incrementAndGet() == 1
                ? Status.withCause(Status.SERVICE_UNAVAILABLE, "not yet") : Status.OK;
        Endpoint second = server(EndpointConfig.builder().plugins(dropsTheFirst).build());
        second.listen("tcp://127.0.0.1:" + port);

        Peers.await("redialed after the dropped reconnect", BOUND, () -> s.state() == SessionState.OK);
        assertThat(s.callSync("/svc/echo", "2", String.class)).isEqualTo("echo 2");
        assertThat(redialHandshakes.get()).isGreaterThanOrEqualTo(2);
        assertThat(accepts.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCallWhoseWriteBrokeIsResentExactlyOnce() throws Exception {
        Endpoint server = server(EndpointConfig.builder().build());
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger breaks = new AtomicInteger(2);
        BeforeWriteCall breaksTwice = ctx -> {
            writes.incrementAndGet();
            if (breaks.getAndDecrement() > 0) {
                ((DefaultSession) ctx.session()).channel().close().syncUninterruptibly();
            }
            return Status.OK;
        };
        Session s = Peers.dial(peers.endpoint(redialing(-1).plugins(breaksTwice).build()), server);

        // the write breaks, the call is resent after the redial, that write breaks too: no third send
        Throwable error = failure(s.call("/svc/echo", "once", String.class));
        assertThat(error).isInstanceOf(ConnectionClosedException.class);
        assertThat(((DrpcException) error).notExecuted()).isTrue();
        assertThat(writes).hasValue(2);
        assertThat(handled).hasValue(0);

        Peers.await("redialed", BOUND, () -> s.state() == SessionState.OK);
        assertThat(s.callSync("/svc/echo", "later", String.class)).isEqualTo("echo later");
        assertThat(writes).hasValue(3);
        assertThat(handled).hasValue(1);
    }

    @Test
    void aClosedSessionFailsNewCallsAsNotExecuted() {
        Endpoint server = server(EndpointConfig.builder().build());
        Session s = Peers.dial(peers.endpoint(), server);
        s.close().join();
        assertThatThrownBy(() -> s.callSync("/svc/echo", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.notExecuted()).isTrue());
    }
}
