package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.BeforeDial;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import io.netty.channel.Channel;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redialing a dialed session: the steps of one attempt on channels that never connect (a real
 * event loop, no peer), and the loop itself against a port where nobody listens.
 */
class RedialerTest {

    private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);
    private final AtomicInteger attempts = new AtomicInteger();
    private TestEngine engines = new TestEngine();

    @AfterEach
    void close() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        engines.close();
    }

    private Channel deadChannel() {
        return loop.register(new LocalChannel()).syncUninterruptibly().channel();
    }

    private DefaultSession redialing(String address) {
        DefaultSession s = engines.dialed(deadChannel(), address);
        assertThat(s.transition(SessionState.PREPARING, SessionState.REDIALING)).isTrue();
        return s;
    }

    /** An engine that redials {@code times} times (-1 for ever) and counts its attempts. */
    private void redialEngine(int times) {
        engines.close();
        engines = new TestEngine(EndpointConfig.builder().redialTimes(times).redialInterval(Duration.ofMillis(10))
                .redialMaxInterval(Duration.ofMillis(10)).dialTimeout(Duration.ofSeconds(2)).build(),
                (BeforeDial) (address, isRedial) -> {
                    attempts.incrementAndGet();
                    return Status.OK;
                });
    }

    private static String closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void anAttemptMovesTheSessionOntoTheFreshConnectionWithNothingOfTheOldOne() {
        DefaultSession s = redialing("127.0.0.1:1");
        s.changeVerdict(v -> v.afterGoAway(Status.withCause(Status.SERVICE_UNAVAILABLE, "refused"), null));
        Channel fresh = deadChannel();

        assertThat(s.redialer().prepare(fresh)).isTrue();

        assertThat(s.channel()).isSameAs(fresh);
        assertThat(s.state()).isEqualTo(SessionState.PREPARING);
        assertThat(s.verdict().refusal()).isNull();
        assertThat(s.verdict().goingAway()).isFalse();
        assertThat(s.redialer().keepsRedialing()).isTrue();
    }

    @Test
    void aSessionClosedMeanwhileTakesNoFreshConnection() {
        DefaultSession s = redialing("127.0.0.1:1");
        Channel old = s.channel();
        s.close(Duration.ZERO);
        assertThat(s.redialer().prepare(deadChannel())).isFalse();
        assertThat(s.channel()).isSameAs(old);
        assertThat(s.redialer().keepsRedialing()).isFalse();
    }

    @Test
    void aFreshConnectionThatDropsBeforeItOpensIsOneFailedAttemptNotTheEnd() {
        DefaultSession s = redialing("127.0.0.1:1");
        Channel fresh = deadChannel(); // never active: as if it dropped while being prepared
        assertThat(s.redialer().prepare(fresh)).isTrue();

        assertThat(s.redialer().open(fresh)).isFalse();

        assertThat(s.state()).isEqualTo(SessionState.REDIALING);
        assertThat(s.redialer().keepsRedialing()).isTrue();
        assertThat(s.closeFuture()).isNotDone();
    }

    @Test
    void aFailedHandshakeGoesBackToRedialing() {
        DefaultSession s = redialing("127.0.0.1:1");
        s.redialer().prepare(deadChannel());
        s.redialer().attemptFailed();
        assertThat(s.state()).isEqualTo(SessionState.REDIALING);
        assertThat(s.redialer().keepsRedialing()).isTrue();
    }

    @Test
    void thePauseEndsEarlyWhenTheSessionCloses() throws Exception {
        DefaultSession s = redialing("127.0.0.1:1");
        assertThat(s.redialer().pause(Duration.ofMillis(10))).isTrue();
        s.close(Duration.ZERO).get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        assertThat(s.redialer().pause(Duration.ofMinutes(5))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MINUTES.toNanos(1));
    }

    @Test
    void redialingEndsWhenItsAttemptsAreSpent() throws Exception {
        redialEngine(2);
        DefaultSession s = redialing(closedPort());

        s.redialer().start();

        assertThat(s.redialer().next().get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(s.state()).isEqualTo(SessionState.REDIAL_FAILED);
        assertThat(s.redialer().redialing()).isFalse();
        assertThat(attempts.get()).isEqualTo(2);
        s.closeFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void unlimitedRedialingEndsOnlyWhenTheSessionCloses() throws Exception {
        redialEngine(-1);
        DefaultSession s = redialing(closedPort());

        s.redialer().start();
        // many failed attempts later it is still redialing: attempts are unlimited
        Peers.await("ten redial attempts", Duration.ofSeconds(20), () -> attempts.get() >= 10);
        assertThat(s.redialer().redialing()).isTrue();
        assertThat(s.redialer().next()).isNotDone();
        assertThat(s.state()).isIn(SessionState.REDIALING, SessionState.PREPARING);

        s.close(Duration.ZERO);

        assertThat(s.redialer().next().get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE_CLOSED);
    }
}
