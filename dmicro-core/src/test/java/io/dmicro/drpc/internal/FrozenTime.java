package io.dmicro.drpc.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Embedded channels whose loop's clock moves only when a test advances it: real time passing would fire timers early. */
final class FrozenTime {

    private FrozenTime() {
    }

    static EmbeddedChannel channel(ChannelHandler... handlers) {
        EmbeddedChannel ch = new EmbeddedChannel(handlers);
        ch.freezeTime();
        return ch;
    }

    /** Moves the clock by {@code d} and runs the timers that are due. */
    static void advance(EmbeddedChannel ch, Duration d) {
        ch.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
    }
}
