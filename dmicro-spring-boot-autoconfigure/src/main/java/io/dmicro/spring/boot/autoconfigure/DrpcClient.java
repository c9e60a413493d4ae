package io.dmicro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * An interface that becomes an injectable drpc client of the peers registered under a service id in
 * Spring Cloud discovery. Each method is a route: {@code MathClient.add} calls {@code /math/add}
 * (the interface's simple name less {@code Client}, {@code Impl} and {@code Service}, or
 * {@link #service}), unless the method carries {@link DrpcRoute}. A method takes at most one body
 * argument and optionally a {@code CallOptions}; it returns the reply (blocking), {@code void}, a
 * {@code CompletableFuture}/{@code CompletionStage} of it, or (with Reactor on the classpath) a
 * {@code Mono} of it, which calls when subscribed. Anything else (a {@code Flux}, a {@code Stream}, a
 * {@code Future}, a type variable) is refused when the client is created at start-up, naming the
 * method. {@link DrpcCallSettings} sets timeout, codecs, meta and idempotency per method.
 *
 * <p>Interfaces are found in the application's auto-configuration packages (those of the
 * {@code @SpringBootApplication} class), or where {@link EnableDrpcClients} says.
 *
 * <pre>{@code
 * @DrpcClient("math-server")
 * public interface MathClient {
 *     int add(Args args);                                   // /math/add, blocking
 *     @DrpcRoute("/math/add") CompletableFuture<Integer> addAsync(Args args);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DrpcClient {

    /** The service id whose instances are discovered (usually the server's spring.application.name). */
    @AliasFor("name")
    String value() default "";

    /** Alias of {@link #value}. */
    @AliasFor("value")
    String name() default "";

    /** The route prefix (service name) of the methods; empty derives it from the interface's name. */
    String service() default "";

    /**
     * A direct address to call instead of discovering the service's instances, such as
     * {@code tcp://10.0.0.5:9090}, {@code tls://host:9443?ca=/etc/ca.pem} or {@code local://orders};
     * {@code ${...}} placeholders are resolved. With a url the service id is optional and only names
     * the settings under {@code dmicro.client.services.<id>}.
     */
    String url() default "";

    /**
     * A bean type implementing this interface whose method answers in place of a call that failed
     * (any failure: an open circuit breaker, no instance reachable, a timeout, a handler's error),
     * with the same arguments; {@code void.class} (the default) for none. A method marked
     * {@link DrpcFallback} uses its default method instead.
     */
    Class<?> fallback() default void.class;
}
