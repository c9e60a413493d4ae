package io.dmicro.spring.boot.autoconfigure.actuator;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The resilience state of one {@code @DrpcClient} service.
 *
 * @param service the service id
 * @param circuitBreaker the state of its circuit breaker (CLOSED, OPEN, HALF_OPEN, ...), or null without one
 * @param ejected the instances out of rotation now
 * @param retryBudget the retries its budget allows now; -1 when unlimited
 */
public record ClientDescriptor(String service, @Nullable String circuitBreaker, List<Ejected> ejected, double retryBudget) {

    /**
     * One instance out of rotation.
     *
     * @param address its host:port
     * @param ejections how many times in a row it was ejected
     * @param remainingMillis until its ejection ends and a probe may bring it back
     * @param probing whether a probe dial is under way
     */
    public record Ejected(String address, int ejections, long remainingMillis, boolean probing) {
    }
}
