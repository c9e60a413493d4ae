package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The steps of a graceful close on an embedded channel, whose timers move only when the test says. */
class GracefulCloseTest {

    private final EmbeddedChannel ch = FrozenTime.channel();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Drain drain = new Drain(() -> inFlight.get() == 0);
    private final List<String> steps = new ArrayList<>();

    private GracefulClose close(Duration drainTimeout) {
        return new GracefulClose(ch, drainTimeout, () -> steps.add("closeNow"));
    }

    private void advance(Duration d) {
        FrozenTime.advance(ch, d);
    }

    @Test
    void aToldPeerGetsTheGraceBeforeTheConnectionCloses() {
        close(Duration.ofSeconds(10)).run(drain, () -> steps.add("goAway"), () -> steps.add("overran"));
        assertThat(steps).containsExactly("goAway");

        advance(GracefulClose.PEER_CLOSE_GRACE.minusMillis(1));
        assertThat(steps).containsExactly("goAway");
        advance(Duration.ofMillis(1));
        assertThat(steps).containsExactly("goAway", "closeNow");
        advance(Duration.ofSeconds(20));
        assertThat(steps).containsExactly("goAway", "closeNow");
    }

    @Test
    void aPeerLeavingDuringTheGraceEndsItAtOnceAndCloseRunsOnce() {
        close(Duration.ofSeconds(10)).run(drain, () -> steps.add("goAway"), () -> steps.add("overran"));
        ch.close();
        assertThat(steps).containsExactly("goAway", "closeNow");
        advance(Duration.ofSeconds(1));
        assertThat(steps).containsExactly("goAway", "closeNow");
    }

    @Test
    void anUntoldPeerGetsNoGrace() {
        close(Duration.ofSeconds(10)).run(drain, null, () -> steps.add("overran"));
        assertThat(steps).containsExactly("closeNow");
    }

    @Test
    void aZeroDrainTimeoutGivesNoGrace() {
        close(Duration.ZERO).run(drain, () -> steps.add("goAway"), () -> steps.add("overran"));
        assertThat(steps).containsExactly("goAway", "closeNow");
    }

    @Test
    void waitsForTheWorkInFlightThenGivesTheGrace() {
        inFlight.set(1);
        close(Duration.ofSeconds(10)).run(drain, () -> steps.add("goAway"), () -> steps.add("overran"));
        advance(Duration.ofSeconds(1));
        assertThat(steps).containsExactly("goAway");
        inFlight.set(0);
        drain.check();
        advance(GracefulClose.PEER_CLOSE_GRACE);
        assertThat(steps).containsExactly("goAway", "closeNow");
    }

    @Test
    void workStuckPastTheBoundIsReportedAndClosedWithoutGrace() {
        inFlight.set(1);
        close(Duration.ofMillis(500)).run(drain, () -> steps.add("goAway"), () -> steps.add("overran"));
        advance(Duration.ofMillis(499));
        assertThat(steps).containsExactly("goAway");
        advance(Duration.ofMillis(1));
        assertThat(steps).containsExactly("goAway", "overran", "closeNow");
    }
}
