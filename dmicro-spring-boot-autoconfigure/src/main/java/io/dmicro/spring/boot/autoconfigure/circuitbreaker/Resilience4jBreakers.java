package io.dmicro.spring.boot.autoconfigure.circuitbreaker;

import io.dmicro.drpc.client.Breaker;
import io.dmicro.drpc.client.Breakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The core client's {@link Breakers} as Resilience4j circuit breakers of the registry Spring Cloud
 * CircuitBreaker's {@code Resilience4JCircuitBreakerFactory} holds, so they are configured as any
 * other there ({@code resilience4j.circuitbreaker.instances.<service-id>.*}, or the registry's
 * default) and show in its metrics ({@code resilience4j.circuitbreaker.state}). The breaker of a
 * service is named by the service id; with {@code perInstance}, each instance has one named
 * {@code <service-id>@<host:port>} with its service's settings.
 *
 * <p>Only the breakers' state machines are used: permission asked before a call, outcome told
 * after, on whatever thread completes the call. The factory's {@code run()} is not, so no call
 * blocks a thread of its own or meets Resilience4j's time limiter: the drpc call timeout is the limit.
 */
public final class Resilience4jBreakers implements Breakers {

    private final CircuitBreakerRegistry registry;
    private final boolean perInstance;
    private final Map<String, Map<String, Breaker>> instances = new ConcurrentHashMap<>();

    public Resilience4jBreakers(CircuitBreakerRegistry registry, boolean perInstance) {
        this.registry = registry;
        this.perInstance = perInstance;
    }

    @Override
    public Breaker service(String service) {
        return new Adapter(registry.circuitBreaker(service, config(service)));
    }

    @Override
    public @Nullable Breaker instance(String service, String address) {
        if (!perInstance) {
            return null;
        }
        Map<String, Breaker> of = instances.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
        Breaker b = of.get(address);
        if (b == null) {
            b = of.computeIfAbsent(address, a -> new Adapter(registry.circuitBreaker(service + "@" + a, config(service))));
        }
        return b;
    }

    /** The settings configured for {@code service}'s breaker, else the registry's default. */
    private CircuitBreakerConfig config(String service) {
        return registry.getConfiguration(service).orElseGet(() -> registry.find(service)
                .map(CircuitBreaker::getCircuitBreakerConfig).orElseGet(registry::getDefaultConfig));
    }

    /** One Resilience4j breaker seen through the core interface. */
    private record Adapter(CircuitBreaker breaker) implements Breaker {

        @Override
        public boolean tryAcquire() {
            return breaker.tryAcquirePermission();
        }

        @Override
        public void onSuccess(long durationNanos) {
            breaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void onFailure(long durationNanos, Throwable error) {
            breaker.onError(durationNanos, TimeUnit.NANOSECONDS, error);
        }

        @Override
        public String state() {
            return breaker.getState().name();
        }
    }
}
