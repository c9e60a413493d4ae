package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.drpc.client.Breakers;
import io.dmicro.spring.boot.autoconfigure.circuitbreaker.Resilience4jBreakers;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Circuit breakers for {@link DrpcClient} services when Spring Cloud CircuitBreaker's Resilience4j
 * implementation ({@code spring-cloud-starter-circuitbreaker-resilience4j}) is on the classpath: its
 * factory's registry supplies one breaker per service id (and per instance with
 * {@code dmicro.client.circuit-breaker.per-instance}). A {@link Breakers} bean of the application's
 * replaces them; {@code dmicro.client.circuit-breaker.enabled=false} turns them off.
 */
@AutoConfiguration(before = DmicroClientAutoConfiguration.class,
        afterName = "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory",
        "io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry"})
@ConditionalOnProperty(name = "dmicro.client.circuit-breaker.enabled", havingValue = "true", matchIfMissing = true)
public final class DmicroCircuitBreakerAutoConfiguration {

    @Bean
    @ConditionalOnBean(Resilience4JCircuitBreakerFactory.class)
    @ConditionalOnMissingBean(Breakers.class)
    Breakers dmicroClientBreakers(Resilience4JCircuitBreakerFactory factory, DmicroProperties properties) {
        return new Resilience4jBreakers(factory.getCircuitBreakerRegistry(), properties.getClient().getCircuitBreaker().isPerInstance());
    }
}
