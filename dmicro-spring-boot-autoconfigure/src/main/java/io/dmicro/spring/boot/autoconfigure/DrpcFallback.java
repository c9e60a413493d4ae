package io.dmicro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the default method of a {@link DrpcClient} interface that answers when a call of this method
 * fails (any failure, as {@link DrpcClient#fallback}). The default method takes the same parameters,
 * optionally followed by a {@code Throwable} (the failure), and returns the same type. Checked when
 * the client is created: a missing or mismatched method fails start-up naming it.
 *
 * <pre>{@code
 * @DrpcClient("math-server")
 * public interface MathClient {
 *     @DrpcFallback("addLocally") int add(Args args);
 *     default int addLocally(Args args, Throwable failure) { return args.a() + args.b(); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DrpcFallback {

    /** The name of the default method. */
    String value();
}
