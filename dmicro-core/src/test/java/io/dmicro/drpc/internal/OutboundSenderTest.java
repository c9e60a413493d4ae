package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.CallTimeoutException;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.channel.Channel;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sending calls and pushes without a peer: while the session redials (its connection a local
 * channel that never connects, on a real event loop whose timers run), and on an embedded one.
 */
class OutboundSenderTest {

    private final TestEngine engines = new TestEngine();
    private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);

    @AfterEach
    void close() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        engines.close();
    }

    private DefaultSession redialing() {
        Channel dead = loop.register(new LocalChannel()).syncUninterruptibly().channel();
        DefaultSession s = engines.dialed(dead, "127.0.0.1:1");
        assertThat(s.transition(SessionState.PREPARING, SessionState.REDIALING)).isTrue();
        return s;
    }

    private static DrpcException failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (DrpcException) e.getCause();
        }
        throw new AssertionError("completed normally");
    }

    @Test
    void aCallWaitingForARedialFails408AtItsTimeoutAsNotExecuted() throws Exception {
        DefaultSession s = redialing();
        long start = System.nanoTime();
        CompletableFuture<String> call = s.call("/svc/x", "a", String.class, CallOptions.timeout(Duration.ofMillis(100)));
        DrpcException e = failure(call);
        assertThat(e).isInstanceOf(CallTimeoutException.class);
        assertThat(e.code()).isEqualTo(Status.HANDLE_TIMEOUT);
        assertThat(e.notExecuted()).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(s.state()).isEqualTo(SessionState.REDIALING);
    }

    @Test
    void aPushWaitingForARedialFails408AtItsTimeout() throws Exception {
        DefaultSession s = redialing();
        assertThat(failure(s.push("/svc/x", "a", CallOptions.timeout(Duration.ofMillis(100)))).code()).isEqualTo(Status.HANDLE_TIMEOUT);
    }

    @Test
    void callsWaitingForARedialFail503NotExecutedWhenTheSessionCloses() throws Exception {
        DefaultSession s = redialing();
        CompletableFuture<String> call = s.call("/svc/x", "a", String.class, CallOptions.timeout(Duration.ofMinutes(1)));
        CompletableFuture<Void> push = s.push("/svc/y", "b", CallOptions.timeout(Duration.ofMinutes(1)));
        assertThat(call).isNotDone();
        s.close(Duration.ZERO);
        for (DrpcException e : new DrpcException[] {failure(call), failure(push)}) {
            assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
            assertThat(e.notExecuted()).isTrue();
        }
    }

    @Test
    void aCallWaitingForARedialIsWrittenOnceTheRedialSucceeds() {
        EmbeddedChannel ch = new EmbeddedChannel();
        DefaultSession s = engines.dialed(ch, "127.0.0.1:1");
        s.transition(SessionState.PREPARING, SessionState.REDIALING);
        CompletableFuture<Boolean> outcome = s.redialer().next();
        CompletableFuture<String> call = s.call("/svc/x", "a", String.class, CallOptions.timeout(Duration.ofMinutes(1)));
        assertThat((Object) ch.readOutbound()).isNull();

        s.transition(SessionState.REDIALING, SessionState.PREPARING);
        s.open(() -> { });
        ch.runPendingTasks();
        outcome.complete(true);

        Message out = ch.readOutbound();
        assertThat(out.type()).isEqualTo(MessageType.CALL);
        assertThat(out.serviceMethod()).isEqualTo("/svc/x");
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(call).isNotDone();
        assertThat(s.callsInFlight()).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void aCallWaitingForARedialThatFailsIsNotExecuted() throws Exception {
        DefaultSession s = redialing();
        CompletableFuture<Boolean> outcome = s.redialer().next();
        CompletableFuture<String> call = s.call("/svc/x", "a", String.class, CallOptions.timeout(Duration.ofMinutes(1)));
        outcome.complete(false);
        DrpcException e = failure(call);
        assertThat(e.code()).isEqualTo(Status.CONN_CLOSED);
        assertThat(e.notExecuted()).isTrue();
    }

    @Test
    void aCallToAPeerGoingAwayFails503AtOnceAndIsNotWritten() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        DefaultSession s = engines.accepted(ch);
        s.open(() -> { });
        ch.runPendingTasks();
        s.changeVerdict(v -> v.afterGoAway(Status.OK, null));

        DrpcException e = failure(s.call("/svc/x", "a", String.class, CallOptions.DEFAULT));
        assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(e.notExecuted()).isTrue();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(s.isHealthy()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aSendIsWrittenOnTheConnectionItWasHookedOnNotOneARedialMovedTheSessionTo() throws Exception {
        EmbeddedChannel judged = new EmbeddedChannel();
        EmbeddedChannel fresh = new EmbeddedChannel();
        // a redial completing between the send's hooks and its write: the hooked connection broke, the session moved on
        io.dmicro.drpc.plugin.BeforeWriteCall redialInBetween = ctx -> {
            judged.close();
            ((DefaultSession) ctx.session()).moveTo(fresh);
            return Status.OK;
        };
        try (TestEngine hooked = new TestEngine(io.dmicro.drpc.EndpointConfig.builder().build(), redialInBetween)) {
            DefaultSession s = hooked.accepted(judged);
            s.open(() -> { });
            judged.runPendingTasks();
            assertThat(s.state()).isEqualTo(SessionState.OK);

            DrpcException e = failure(s.call("/svc/x", "a", String.class, CallOptions.timeout(Duration.ofSeconds(5))));
            assertThat(e.code()).isEqualTo(Status.CONN_CLOSED);
            assertThat(e.notExecuted()).as("%s", e).isTrue();
            assertThat((Object) fresh.readOutbound()).as("nothing reaches the peer the send never saw").isNull();
        } finally {
            judged.finishAndReleaseAll();
            fresh.finishAndReleaseAll();
        }
    }
}
