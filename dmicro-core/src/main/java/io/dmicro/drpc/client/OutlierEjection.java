package io.dmicro.drpc.client;

import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes instances that fail to dial or refuse calls out of a {@link ServiceClient}'s rotation, and
 * lets them back after a backoff once a probe dial reaches them again.
 *
 * <ul>
 *   <li>A failed dial (105) ejects the instance at once; a refusal (503: draining, overloaded, no
 *       worker free) or a connection that broke under a call (102) counts one failure, and
 *       {@code consecutiveFailures} of them in a row eject it. A success clears the count.
 *   <li>An ejected instance stays out for {@code baseEjection}, doubled at each ejection in a row up
 *       to {@code maxEjection}, each spread by {@code ±jitter}. When that time is up, the next call
 *       that could choose it starts one probe dial off the caller's path; it comes back only when
 *       the dial succeeds, else it is ejected again for twice as long. No caller pays a failed dial.
 *   <li>When every instance of a call is ejected, the client tries them anyway: a guess beats a
 *       refusal of its own making.
 * </ul>
 *
 * Thread-safe; the state is per instance address. Nothing is allocated on a call while no instance
 * is ejected or counting failures.
 */
public final class OutlierEjection {

    private static final Logger log = LoggerFactory.getLogger(OutlierEjection.class);

    /** One instance ejected (or counting failures), as {@link #ejected()} reports it. */
    public record Ejected(String address, int ejections, Duration remaining, boolean probing) {
    }

    private final Duration baseEjection;
    private final Duration maxEjection;
    private final double jitter;
    private final int consecutiveFailures;
    private final boolean enabled;
    private final LongSupplier nanoClock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private OutlierEjection(Builder b) {
        this.baseEjection = b.baseEjection;
        this.maxEjection = b.maxEjection;
        this.jitter = b.jitter;
        this.consecutiveFailures = b.consecutiveFailures;
        this.enabled = b.enabled;
        this.nanoClock = b.nanoClock;
    }

    /** Ejection as the defaults say: 1 s first, at most 30 s, ±20 %, 3 refusals in a row. */
    public static OutlierEjection defaults() {
        return builder().build();
    }

    /** Never ejects. */
    public static OutlierEjection disabled() {
        return builder().enabled(false).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean enabled() {
        return enabled;
    }

    /** What an instance is now. */
    enum Standing { IN, OUT, DUE }

    Standing standing(String address) {
        if (states.isEmpty()) {
            return Standing.IN;
        }
        State s = states.get(address);
        if (s == null) {
            return Standing.IN;
        }
        synchronized (s) {
            if (s.untilNanos == 0) {
                return Standing.IN; // counting failures, not ejected
            }
            if (s.probing || nanoClock.getAsLong() - s.untilNanos < 0) {
                return Standing.OUT;
            }
            return Standing.DUE;
        }
    }

    /** Claims the probe of an instance whose ejection is up; true for exactly one caller. */
    boolean startProbe(String address) {
        State s = states.get(address);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            if (s.untilNanos == 0 || s.probing || nanoClock.getAsLong() - s.untilNanos < 0) {
                return false;
            }
            s.probing = true;
            return true;
        }
    }

    /** The probe reached the instance: back in rotation, with its history kept until a call succeeds. */
    void probeSucceeded(String address) {
        State s = states.get(address);
        if (s != null) {
            synchronized (s) {
                s.probing = false;
                s.untilNanos = 0;
                s.failures = 0;
            }
            log.info("instance {} is back in rotation after a probe", address);
        }
    }

    /** A call through the instance succeeded: it is healthy, its history is forgotten. */
    void succeeded(String address) {
        if (!states.isEmpty()) {
            states.remove(address);
        }
    }

    /**
     * An attempt through the instance failed with {@code code}; true when that ejected it. Codes
     * other than 105, 102 and 503 say nothing about the instance and are ignored.
     */
    boolean failed(String address, int code) {
        if (!enabled || !(code == Status.DIAL_FAILED || code == Status.CONN_CLOSED || code == Status.SERVICE_UNAVAILABLE)) {
            return false;
        }
        State s = states.computeIfAbsent(address, a -> new State());
        long ejectFor;
        synchronized (s) {
            s.probing = false;
            long now = nanoClock.getAsLong();
            if (s.untilNanos != 0 && now - s.untilNanos < 0) {
                return false; // already out: calls in flight when it was ejected add nothing
            }
            s.failures++;
            if (code != Status.DIAL_FAILED && s.failures < consecutiveFailures) {
                return false;
            }
            s.ejections++;
            ejectFor = ejectionNanos(s.ejections);
            s.untilNanos = now + ejectFor;
            if (s.untilNanos == 0) {
                s.untilNanos = 1;
            }
            s.failures = 0;
        }
        log.warn("instance {} ejected for {} ms (ejection {} in a row, status {})", address, ejectFor / 1_000_000, s.ejections, code);
        return true;
    }

    private long ejectionNanos(int ejections) {
        double base = baseEjection.toNanos() * Math.pow(2, Math.min(ejections - 1, 30));
        double capped = Math.min(base, maxEjection.toNanos());
        double spread = jitter == 0 ? 1 : 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(1, (long) (capped * spread));
    }

    /** The instances out of rotation now (or being probed), soonest back first. */
    public List<Ejected> ejected() {
        List<Ejected> out = new ArrayList<>();
        long now = nanoClock.getAsLong();
        states.forEach((address, s) -> {
            synchronized (s) {
                if (s.untilNanos != 0) {
                    out.add(new Ejected(address, s.ejections, Duration.ofNanos(Math.max(0, s.untilNanos - now)), s.probing));
                }
            }
        });
        out.sort(Comparator.comparing(Ejected::remaining));
        return out;
    }

    /** Per address: failures in a row, ejections in a row, ejected until (0: in rotation), probe running. */
    private static final class State {
        int failures;
        int ejections;
        long untilNanos;
        boolean probing;
    }

    /** Settings of an {@link OutlierEjection}; each validated as it is set. */
    public static final class Builder {
        private Duration baseEjection = Duration.ofSeconds(1);
        private Duration maxEjection = Duration.ofSeconds(30);
        private double jitter = 0.2;
        private int consecutiveFailures = 3;
        private boolean enabled = true;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** How long the first ejection lasts; default 1 s. */
        public Builder baseEjection(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("outlier baseEjection must be positive: " + d);
            }
            this.baseEjection = d;
            return this;
        }

        /** The longest an ejection lasts however often it repeats; default 30 s. */
        public Builder maxEjection(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("outlier maxEjection must be positive: " + d);
            }
            this.maxEjection = d;
            return this;
        }

        /** The spread of each ejection, from 0 (none) to 1 (anything up to twice as long); default 0.2. */
        public Builder jitter(double j) {
            if (!(j >= 0 && j <= 1)) {
                throw new IllegalArgumentException("outlier jitter must be between 0 and 1: " + j);
            }
            this.jitter = j;
            return this;
        }

        /** Refusals (503) or broken connections (102) in a row that eject; default 3. A failed dial always ejects. */
        public Builder consecutiveFailures(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("outlier consecutiveFailures must be at least 1: " + n);
            }
            this.consecutiveFailures = n;
            return this;
        }

        public Builder enabled(boolean on) {
            this.enabled = on;
            return this;
        }

        /** The clock ejections are measured on ({@link System#nanoTime()} by default); tests pass their own. */
        public Builder nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "nanoClock");
            return this;
        }

        public OutlierEjection build() {
            if (maxEjection.compareTo(baseEjection) < 0) {
                throw new IllegalArgumentException("outlier maxEjection " + maxEjection + " is shorter than baseEjection " + baseEjection);
            }
            return new OutlierEjection(this);
        }
    }
}
