package io.dmicro.drpc.client;

import io.dmicro.drpc.status.Status;
import java.util.function.Predicate;

/**
 * Decides whether a failed attempt of a call may be sent again, to another instance. The default,
 * {@link #safe()}, follows the retry-safety rule: a call is retried only when it certainly did not
 * run, or when running it twice is harmless.
 */
@FunctionalInterface
public interface RetryPolicy {

    /** Whether the call may try another instance after this failure. */
    boolean retry(FailedAttempt failure);

    /** Never retries: every failure is the caller's to see. */
    static RetryPolicy never() {
        return failure -> false;
    }

    /**
     * The retry-safety rule, judging "refused before it ran" by {@link #refusedBeforeRunning}:
     *
     * <ul>
     *   <li>a call never handed to a session (no instance could be dialed: 105) is always retried;
     *   <li>a call the peer refused before running it is always retried: 105 Dial Failed, 503 (a
     *       draining or overloaded endpoint), 429 (overload protection);
     *   <li>a call whose connection broke after it was written (102) may have run: retried only when
     *       its route is idempotent;
     *   <li>anything else (a handler's error, a timeout) is never retried.
     * </ul>
     */
    static RetryPolicy safe() {
        return safe(RetryPolicy::refusedBeforeRunning);
    }

    /**
     * The retry-safety rule with another judge of which statuses mean "refused, not run": for
     * peers that mark such statuses explicitly.
     */
    static RetryPolicy safe(Predicate<Status> notExecuted) {
        return failure -> !failure.sent()
                || notExecuted.test(failure.status())
                || (failure.status().code() == Status.CONN_CLOSED && failure.idempotent());
    }

    /**
     * The statuses with which a drpc peer refuses a call before running it: 105 (the dial failed),
     * 503 (draining, or over its connection limit) and 429 (over a rate or in-flight limit). A
     * handler that itself answers 503 or 429 is taken at its word.
     */
    static boolean refusedBeforeRunning(Status status) {
        int code = status.code();
        return code == Status.DIAL_FAILED || code == Status.SERVICE_UNAVAILABLE || code == Status.TOO_MANY_REQUESTS;
    }
}
