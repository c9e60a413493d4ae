package io.dmicro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link DrpcClient} method (or every method of the interface) as safe to run twice: when
 * its connection breaks after the call was written (102), the client retries it on another
 * instance. Without it only calls that were certainly not executed are retried (a failed dial,
 * 503 from a draining server, 429 from an overloaded one). The same as
 * {@code CallOptions.withIdempotent(true)} on one call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {
}
