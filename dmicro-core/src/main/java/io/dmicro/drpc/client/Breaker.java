package io.dmicro.drpc.client;

/**
 * A circuit breaker as a {@link ServiceClient} uses it, without blocking and without a thread of
 * its own: asked for permission before a call (or an attempt on one instance), told the outcome
 * after. The Spring starter adapts Resilience4j's breakers (through Spring Cloud CircuitBreaker's
 * factory) to it; any other state machine fits as well.
 */
public interface Breaker {

    /** Whether a call may go now; when true, exactly one of the outcome methods follows. */
    boolean tryAcquire();

    /** The permitted call succeeded (or failed in a way that says nothing about the service's health). */
    void onSuccess(long durationNanos);

    /** The permitted call failed in a way a breaker counts (see {@link Breakers#counts}). */
    void onFailure(long durationNanos, Throwable error);

    /** The state for display: CLOSED, OPEN, HALF_OPEN or the implementation's own name. */
    String state();
}
