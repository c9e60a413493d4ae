package io.dmicro.drpc.client;

import io.dmicro.drpc.status.DrpcException;
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
     * The retry-safety rule:
     *
     * <ul>
     *   <li>a call never handed to a session (no instance could be dialed: 105) is always retried;
     *   <li>a call that {@linkplain DrpcException#notExecuted() was not executed} is always retried:
     *       never written (the session was closed or redialing), or refused by the peer before it
     *       ran: 105 Dial Failed, 503 (a draining or overloaded endpoint), 429 (overload protection);
     *   <li>a call whose connection broke after it was written (102) may have run: retried only when
     *       it is idempotent;
     *   <li>anything else (a handler's error, a timeout) is never retried.
     * </ul>
     */
    static RetryPolicy safe() {
        return safe(DrpcException::notExecuted);
    }

    /** The retry-safety rule with another judge of which failures certainly did not run. */
    static RetryPolicy safe(Predicate<DrpcException> notExecuted) {
        return failure -> !failure.sent()
                || notExecuted.test(failure.error())
                || (failure.status().code() == Status.CONN_CLOSED && failure.idempotent());
    }
}
