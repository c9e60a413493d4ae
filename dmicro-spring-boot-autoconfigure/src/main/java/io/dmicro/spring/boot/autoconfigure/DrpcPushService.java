package io.dmicro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A bean whose public methods handle drpc pushes (one-way messages), named as for {@link DrpcService}.
 * A method takes {@code ()}, {@code (arg)}, {@code (PushContext)} or {@code (PushContext, arg)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Component
public @interface DrpcPushService {

    /** The route prefix (service name); empty derives it from the class. */
    @AliasFor("prefix")
    String value() default "";

    /** Alias of {@link #value}. */
    @AliasFor("value")
    String prefix() default "";
}
