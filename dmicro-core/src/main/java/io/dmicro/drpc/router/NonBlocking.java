package io.dmicro.drpc.router;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method (or every method of a class) as safe to run on the I/O thread: it never
 * blocks. Such handlers skip the hop to the worker executor, which is what lets small calls reach
 * raw-Netty speed. A handler that blocks here stalls every session on its event loop.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NonBlocking {
}
