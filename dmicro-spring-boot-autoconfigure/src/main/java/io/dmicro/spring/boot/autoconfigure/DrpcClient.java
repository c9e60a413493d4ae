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
 * argument and optionally a {@code CallOptions}; it returns the reply (blocking), {@code void}, or a
 * {@code CompletableFuture}/{@code CompletionStage} of it.
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
}
