package io.dmicro.drpc.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause of a {@link ServiceClient} before each retry: {@code initial} before the first,
 * multiplied by {@code multiplier} before each next one up to {@code max}, each spread at random
 * by {@code ±jitter} so that callers who failed together do not come back together. A retry after
 * an attempt no peer received (a failed dial) does not pause: it loaded no one.
 *
 * @param initial the pause before the first retry; zero retries at once
 * @param max the longest pause
 * @param multiplier how much each pause grows, at least 1
 * @param jitter the spread, from 0 (none) to 1
 */
public record RetryBackoff(Duration initial, Duration max, double multiplier, double jitter) {

    /** Retries at once. */
    public static final RetryBackoff NONE = new RetryBackoff(Duration.ZERO, Duration.ZERO, 1, 0);

    /** 10 ms, doubling, at most 1 s, ±20 %. */
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(10), Duration.ofSeconds(1), 2, 0.2);

    public RetryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("retry backoff must not be negative: initial " + initial + ", max " + max);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff max " + max + " is shorter than initial " + initial);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("retry backoff multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("retry backoff jitter must be between 0 and 1: " + jitter);
        }
    }

    /** The pause before retry number {@code retry} (1 for the first retry), in nanoseconds; 0 for none. */
    public long pauseNanos(int retry) {
        if (initial.isZero()) {
            return 0;
        }
        double pause = Math.min(initial.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1)), max.toNanos());
        if (jitter > 0) {
            pause *= 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        }
        return Math.max(1, (long) pause);
    }
}
