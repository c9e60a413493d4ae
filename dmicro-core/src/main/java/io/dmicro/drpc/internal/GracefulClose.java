package io.dmicro.drpc.internal;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The steps of one graceful close, once the session refuses new work: tell the peer it is going
 * away ({@link GoAway}), wait for the {@link Drain}, give a told peer a short grace to stop
 * sending, then close now, exactly once. Made when the close starts, so an open session carries
 * none of it.
 */
final class GracefulClose {

    /** How long a drained session keeps answering (503) calls its told peer sent before reading the notice. */
    static final Duration PEER_CLOSE_GRACE = Duration.ofMillis(250);

    private final Channel channel;
    private final Duration drainTimeout;
    private final Runnable closeNow;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param channel the connection being closed; its event loop runs the timers
     * @param closeNow closes the connection and ends the session; run once
     */
    GracefulClose(Channel channel, Duration drainTimeout, Runnable closeNow) {
        this.channel = channel;
        this.drainTimeout = drainTimeout;
        this.closeNow = closeNow;
    }

    /**
     * Runs the close.
     *
     * @param tellPeer sends the going-away notice; null when the peer is not told (it is leaving
     *     already, or the connection is not open)
     * @param overran runs when the drain's bound passed with work still in flight
     */
    void run(Drain drain, @Nullable Runnable tellPeer, Runnable overran) {
        if (tellPeer != null) {
            tellPeer.run();
        }
        drain.start(drainTimeout, channel.eventLoop()).whenComplete((finished, e) -> {
            boolean drained = Boolean.TRUE.equals(finished);
            if (!drained) {
                overran.run();
            }
            if (drained && tellPeer != null && channel.isActive() && !drainTimeout.isZero()) {
                // Calls the peer sent before it read the notice may still be on the way: closing now would
                // cut them off unanswered (102, maybe executed). Keep reading for a short grace, answering
                // them with 503 (not executed, so retried elsewhere), unless the peer leaves first.
                long graceNanos = Math.min(PEER_CLOSE_GRACE.toNanos(), drainTimeout.toNanos());
                ScheduledFuture<?> grace = channel.eventLoop().schedule(this::closeOnce, graceNanos, TimeUnit.NANOSECONDS);
                channel.closeFuture().addListener(f -> {
                    grace.cancel(false);
                    closeOnce();
                });
            } else {
                closeOnce();
            }
        });
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            closeNow.run();
        }
    }
}
