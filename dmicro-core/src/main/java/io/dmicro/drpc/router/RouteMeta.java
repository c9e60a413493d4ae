package io.dmicro.drpc.router;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a meta key a handler method reads, so route descriptions (and OpenAPI, where meta
 * travels as HTTP headers) can tell callers about it. Purely descriptive: the engine neither
 * requires nor checks it.
 *
 * <pre>
 * &#64;RouteMeta(name = "X-Tenant", description = "the tenant the sum is billed to")
 * public int add(CallContext ctx, Args args) { ... ctx.meta().get("X-Tenant") ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(RouteMeta.List.class)
public @interface RouteMeta {

    /** The meta key, as the handler reads it. */
    String name();

    String description() default "";

    boolean required() default false;

    /** Holds repeated {@link RouteMeta}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        RouteMeta[] value();
    }
}
