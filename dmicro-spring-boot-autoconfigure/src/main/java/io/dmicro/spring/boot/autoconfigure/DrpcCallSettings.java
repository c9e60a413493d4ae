package io.dmicro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-method settings of a {@link DrpcClient} call; on the interface, the defaults of all its
 * methods (a method's own attributes win, attribute by attribute). A {@code CallOptions} argument
 * wins over both; {@code dmicro.client.services.<id>.call-timeout} applies where neither sets a
 * timeout.
 *
 * <pre>{@code
 * @DrpcClient("math-server")
 * @DrpcCallSettings(timeout = "2s")
 * public interface MathClient {
 *     @DrpcCallSettings(idempotent = true, meta = "X-Tenant=blue")
 *     int add(Args args);
 *     @DrpcCallSettings(timeout = "30s", bodyCodec = "protobuf")
 *     Summary summarise(Report report);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface DrpcCallSettings {

    /** How long the call waits for its reply, as a Spring duration ({@code 500ms}, {@code 2s}); empty inherits. */
    String timeout() default "";

    /** The body codec of the request ({@code json}, {@code protobuf}, ...); empty inherits (the endpoint's default). */
    String bodyCodec() default "";

    /** The body codec asked of the reply; empty lets the server answer in the request's codec. */
    String acceptBodyCodec() default "";

    /** Meta sent with every call, each {@code key=value}; added to the interface's. */
    String[] meta() default {};

    /**
     * Whether running the call twice does no harm, so a retry may follow a connection that broke
     * after the request was sent. Carried to the retry rule as {@link io.dmicro.spring.boot.autoconfigure.client.CallSettings#idempotent()}.
     */
    boolean idempotent() default false;
}
