package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The frame timeout's clock on an embedded channel, whose time moves only when the test says. */
class FrameClockTest {

    private final EmbeddedChannel ch = FrozenTime.channel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = ch.pipeline().firstContext();
    private final AtomicBoolean incomplete = new AtomicBoolean();
    private final FrameClock clock = new FrameClock(Duration.ofSeconds(1), incomplete::get,
            LoggerFactory.getLogger(FrameClockTest.class), "a frame");

    private void advance(Duration d) {
        FrozenTime.advance(ch, d);
    }

    /** The connection stays open until {@code d} has passed and closes then, not a millisecond earlier. */
    private void assertClosedExactlyAfter(Duration d) {
        advance(d.minusMillis(1));
        assertThat(ch.isActive()).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void closesTheConnectionWhenTheUnitIsStillIncompleteAtTheTimeout() {
        incomplete.set(true);
        clock.start(ctx);
        assertClosedExactlyAfter(Duration.ofSeconds(1));
    }

    @Test
    void aUnitCompletedInTimeKeepsTheConnection() {
        incomplete.set(true);
        clock.start(ctx);
        clock.completed();
        incomplete.set(false);
        advance(Duration.ofSeconds(5));
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void aLaterUnitGetsItsOwnClockFromWhenTheFirstTimerFires() {
        incomplete.set(true);
        clock.start(ctx);
        advance(Duration.ofMillis(500));
        clock.completed(); // the first unit is done, a second one has begun (still incomplete)
        clock.start(ctx);  // a timer runs already: no second one
        advance(Duration.ofMillis(500));
        assertThat(ch.isActive()).isTrue(); // the first timer fired and restarted the clock for the second unit
        assertClosedExactlyAfter(Duration.ofSeconds(1));
    }

    @Test
    void aClockStartedAgainAfterItFiredRunsAFullTimeout() {
        incomplete.set(true);
        clock.start(ctx);
        clock.completed();
        incomplete.set(false);
        advance(Duration.ofSeconds(1));
        incomplete.set(true);
        clock.start(ctx);
        assertClosedExactlyAfter(Duration.ofSeconds(1));
    }
}
