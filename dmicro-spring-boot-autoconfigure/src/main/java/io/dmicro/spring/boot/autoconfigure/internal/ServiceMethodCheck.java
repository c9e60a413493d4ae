package io.dmicro.spring.boot.autoconfigure.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Refuses, before routing, {@code @DrpcService} methods whose return type a single reply cannot
 * carry: a {@code Flux} or other many-valued publisher, a {@code Stream}, a plain {@code Future}, or
 * a {@code Mono} when Reactor's adapter is not registered. The engine would otherwise encode the
 * publisher object itself, and the caller would see a decoding error instead of the value.
 */
final class ServiceMethodCheck {

    private static final List<String> MANY_VALUED = List.of("org.reactivestreams.Publisher", "java.util.concurrent.Flow$Publisher",
            "java.util.stream.BaseStream", "java.util.Iterator");

    private ServiceMethodCheck() {
    }

    static void check(Class<?> type, String beanName, boolean monoSupported) {
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic() || m.getDeclaringClass() == Object.class
                    || m.getDeclaringClass().getName().startsWith("org.springframework.")) {
                continue;
            }
            String why = why(m.getReturnType(), monoSupported);
            if (why != null) {
                throw new IllegalArgumentException("@DrpcService method " + type.getName() + "." + m.getName() + " (bean " + beanName
                        + ") returns " + m.getGenericReturnType().getTypeName() + ": " + why
                        + ". Return the reply itself, a CompletableFuture/CompletionStage of it, or (with Reactor) a Mono of it");
            }
        }
    }

    private static @Nullable String why(Class<?> returns, boolean monoSupported) {
        if (returns.getName().equals("reactor.core.publisher.Mono")) {
            return monoSupported ? null : "Mono needs Reactor's adapter, which is not registered";
        }
        if (Future.class.isAssignableFrom(returns) && !CompletionStage.class.isAssignableFrom(returns)) {
            return "a Future cannot be awaited without blocking; use CompletableFuture";
        }
        for (String name : MANY_VALUED) {
            if (isA(returns, name)) {
                return "one call has one reply, and " + returns.getSimpleName() + " may carry many values";
            }
        }
        return null;
    }

    private static boolean isA(@Nullable Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(name)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (isA(i, name)) {
                return true;
            }
        }
        return isA(type.getSuperclass(), name);
    }
}
