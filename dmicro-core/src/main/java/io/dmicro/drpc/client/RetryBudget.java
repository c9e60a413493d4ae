package io.dmicro.drpc.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the retries of one service so that retrying cannot multiply the load on instances that
 * are already failing (the retry budget of Finagle and gRPC's retry throttling): every call adds
 * {@code ratio} of a token, up to {@code maxTokens}; every retry spends one. A retry that finds less
 * than one token is not made, and the call fails with the error of its last attempt. Only retries
 * of attempts a peer received are counted: one after a failed dial adds no load. The balance
 * starts full, so a client that just started may retry; in steady failure at most {@code ratio}
 * retries per call are made. Lock-free; nothing is allocated per call.
 */
public final class RetryBudget {

    private static final long MILLI = 1000;

    private final long depositMilli;
    private final long maxMilli;
    private final AtomicLong balanceMilli;
    private final boolean unlimited;

    private RetryBudget(double ratio, int maxTokens, boolean unlimited) {
        this.unlimited = unlimited;
        this.depositMilli = Math.round(ratio * MILLI);
        this.maxMilli = (long) maxTokens * MILLI;
        this.balanceMilli = new AtomicLong(maxMilli);
    }

    /**
     * @param ratio the retries one call earns, from 0 (retries only from the starting balance) to 1
     *     or more; 0.2 lets one call in five retry once when everything fails
     * @param maxTokens the most retries saved up, at least 1; also the starting balance
     */
    public static RetryBudget of(double ratio, int maxTokens) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("retry budget ratio must not be negative: " + ratio);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("retry budget maxTokens must be at least 1: " + maxTokens);
        }
        return new RetryBudget(ratio, maxTokens, false);
    }

    /** No bound but the client's attempts per call. */
    public static RetryBudget unlimited() {
        return new RetryBudget(0, 0, true);
    }

    public boolean isUnlimited() {
        return unlimited;
    }

    /** A call started: it earns its share of a retry. */
    void deposit() {
        if (unlimited || depositMilli == 0) {
            return;
        }
        long b = balanceMilli.get();
        if (b >= maxMilli) {
            return; // full: the common case costs one read
        }
        balanceMilli.accumulateAndGet(depositMilli, (cur, add) -> Math.min(maxMilli, cur + add));
    }

    /** Spends one retry; false when the budget has less than one left. */
    boolean tryWithdraw() {
        if (unlimited) {
            return true;
        }
        while (true) {
            long b = balanceMilli.get();
            if (b < MILLI) {
                return false;
            }
            if (balanceMilli.compareAndSet(b, b - MILLI)) {
                return true;
            }
        }
    }

    /** Retries that may be made now (whole tokens); -1 when unlimited. */
    public double balance() {
        return unlimited ? -1 : balanceMilli.get() / (double) MILLI;
    }
}
