package io.dmicro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A bean whose public methods answer drpc calls. {@code MathService.add} is routed as
 * {@code /math/add}: the service name (the class's simple name less {@code Impl} and {@code Service},
 * or {@link #value}) and the method name, both through the endpoint's route mapper. A method takes
 * {@code ()}, {@code (arg)}, {@code (CallContext)} or {@code (CallContext, arg)} and returns the reply
 * body or a {@code CompletionStage} of it.
 *
 * <pre>{@code
 * @DrpcService
 * public class MathService {
 *     public int add(Args args) { return args.a() + args.b(); }   // /math/add
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Component
public @interface DrpcService {

    /** The route prefix (service name), such as {@code math} or {@code /api/math}; empty derives it from the class. */
    @AliasFor("prefix")
    String value() default "";

    /** Alias of {@link #value}. */
    @AliasFor("value")
    String prefix() default "";
}
