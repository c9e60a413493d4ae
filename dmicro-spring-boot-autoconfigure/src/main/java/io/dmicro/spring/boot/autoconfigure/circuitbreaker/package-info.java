/**
 * Circuit breakers for {@code @DrpcClient} calls from Spring Cloud CircuitBreaker's Resilience4j
 * implementation, used without blocking and without its time limiter.
 */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.circuitbreaker;

import org.jspecify.annotations.NullMarked;
