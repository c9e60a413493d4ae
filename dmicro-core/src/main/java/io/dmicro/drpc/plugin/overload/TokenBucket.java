package io.dmicro.drpc.plugin.overload;

import java.util.function.LongSupplier;

/** A token bucket that refills continuously at {@code ratePerSecond} up to that many tokens; starts full. */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int ratePerSecond;
    private final LongSupplier nanoTicker;
    private double tokens;
    private long lastNanos;

    TokenBucket(int ratePerSecond, LongSupplier nanoTicker) {
        this.ratePerSecond = ratePerSecond;
        this.nanoTicker = nanoTicker;
        this.tokens = ratePerSecond;
        this.lastNanos = nanoTicker.getAsLong();
    }

    int rate() {
        return ratePerSecond;
    }

    synchronized boolean tryTake() {
        long now = nanoTicker.getAsLong();
        long elapsed = now - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(ratePerSecond, tokens + (double) elapsed * ratePerSecond / NANOS_PER_SECOND);
            lastNanos = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
