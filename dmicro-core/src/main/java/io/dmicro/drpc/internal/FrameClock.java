package io.dmicro.drpc.internal;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * The clock of a unit of input that must be complete within a timeout once it has begun (a frame,
 * an HTTP request): a peer dribbling a byte a second holds no socket for ever. One timer runs at a
 * time, on the channel's event loop, so nothing needs locking: when it fires and the unit that
 * started it is still incomplete, the connection is closed; when that unit completed and a later
 * one is now incomplete, the later one gets a clock of its own from then.
 */
final class FrameClock {

    private final long timeoutNanos;
    private final BooleanSupplier incomplete;
    private final Logger log;
    private final String what;
    /** Bumped for every unit completed: a timer finding it unchanged knows its unit is still incomplete. */
    private long done;
    private boolean armed;

    /**
     * @param incomplete whether a unit has begun and is not complete yet
     * @param log where the close is reported
     * @param what the unit, for the log ("a frame")
     */
    FrameClock(Duration timeout, BooleanSupplier incomplete, Logger log, String what) {
        this.timeoutNanos = timeout.toNanos();
        this.incomplete = incomplete;
        this.log = log;
        this.what = what;
    }

    /** A unit has begun: it must be complete within the timeout. Nothing when a timer runs already. */
    void start(ChannelHandlerContext ctx) {
        if (armed) {
            return; // the running timer sees this unit as a later one and gives it its own clock
        }
        armed = true;
        long startedAt = done;
        ctx.executor().schedule(() -> {
            armed = false;
            if (!ctx.channel().isActive() || !incomplete.getAsBoolean()) {
                return;
            }
            if (done == startedAt) {
                log.info("closing connection {}: {} begun {} ms ago is still incomplete",
                        ctx.channel().remoteAddress(), what, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                ctx.close();
            } else {
                start(ctx);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** A unit is complete. */
    void completed() {
        done++;
    }
}
