package io.dmicro.drpc.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A graceful close in progress: done as soon as the work in flight is ({@link #check}), or when the
 * bound passes, whichever comes first. Nothing new is admitted meanwhile; that is the session's job.
 */
final class Drain {

    private final BooleanSupplier idle;
    private volatile @Nullable CompletableFuture<Boolean> done;

    /** @param idle whether no work is in flight */
    Drain(BooleanSupplier idle) {
        this.idle = idle;
    }

    /**
     * Starts draining; the future completes with true when the work finished, false when the bound
     * passed first. Started once: later calls return the first drain's future.
     */
    synchronized CompletableFuture<Boolean> start(Duration bound, ScheduledExecutorService timer) {
        CompletableFuture<Boolean> d = done;
        if (d != null) {
            return d;
        }
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        done = started;
        ScheduledFuture<?> t = timer.schedule(() -> started.complete(false), bound.toNanos(), TimeUnit.NANOSECONDS);
        started.whenComplete((v, e) -> t.cancel(false));
        check();
        return started;
    }

    boolean started() {
        return done != null;
    }

    /** Ends the drain when no work is left; called whenever some work finishes. */
    void check() {
        CompletableFuture<Boolean> d = done;
        if (d != null && !d.isDone() && idle.getAsBoolean()) {
            d.complete(true);
        }
    }

    /** Ends the drain now: nothing more can finish (the peer went away). */
    void end() {
        CompletableFuture<Boolean> d = done;
        if (d != null) {
            d.complete(true);
        }
    }
}
