package io.dmicro.drpc.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs what remote peers get wrong (corrupt frames, protocol violations) so that no peer can flood
 * the log: one line per error without a stack trace, at most {@link #PER_SECOND} lines a second for
 * the whole endpoint, the rest counted and reported with the next line that passes. The stack trace
 * is at DEBUG.
 */
final class ProtocolErrorLog {

    static final int PER_SECOND = 5;

    private final Logger log;
    private final LongSupplier nanoTime;
    private final AtomicLong windowStart;
    private final AtomicInteger inWindow = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();

    ProtocolErrorLog(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
        this.windowStart = new AtomicLong(nanoTime.getAsLong());
    }

    /** Reports that {@code peer}'s connection is closed because of {@code error}; true if a line was logged. */
    boolean report(String peer, Throwable error) {
        if (log.isDebugEnabled()) {
            log.debug("connection {} failed with a protocol error", peer, error);
        }
        long now = nanoTime.getAsLong();
        long start = windowStart.get();
        if (now - start >= TimeUnit.SECONDS.toNanos(1) && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
        }
        if (inWindow.incrementAndGet() > PER_SECOND) {
            suppressed.incrementAndGet();
            return false;
        }
        int skipped = suppressed.getAndSet(0);
        log.warn("closing connection {}: {}{}", peer, describe(error),
                skipped == 0 ? "" : " (" + skipped + " more protocol errors not logged)");
        return true;
    }

    private static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().startsWith(t.getCause().getClass().getName())) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
