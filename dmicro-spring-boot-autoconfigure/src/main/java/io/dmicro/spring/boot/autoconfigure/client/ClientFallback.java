package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.spring.boot.autoconfigure.DrpcFallback;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * What answers a failed call of one {@code @DrpcClient} method: the same method on a fallback bean,
 * or the default method its {@link DrpcFallback} names (called with the failure appended when it
 * takes one more {@code Throwable}).
 */
final class ClientFallback {

    private final @Nullable Object bean;
    private final Method target;
    private final boolean takesFailure;

    private ClientFallback(@Nullable Object bean, Method target, boolean takesFailure) {
        this.bean = bean;
        this.target = target;
        this.takesFailure = takesFailure;
    }

    /** The fallback of {@code method}, or null; a {@link DrpcFallback} naming no fitting default method fails naming both. */
    static @Nullable ClientFallback of(Class<?> type, Method method, @Nullable Object fallbackBean) {
        DrpcFallback named = method.getAnnotation(DrpcFallback.class);
        if (named != null) {
            Class<?>[] params = method.getParameterTypes();
            Class<?>[] withFailure = Arrays.copyOf(params, params.length + 1);
            withFailure[params.length] = Throwable.class;
            for (boolean failure : new boolean[] {true, false}) {
                try {
                    Method m = type.getMethod(named.value(), failure ? withFailure : params);
                    if (!m.isDefault() || !method.getReturnType().isAssignableFrom(m.getReturnType())) {
                        continue;
                    }
                    return new ClientFallback(null, m, failure);
                } catch (NoSuchMethodException e) {
                    // try the other form
                }
            }
            throw new IllegalArgumentException("@DrpcFallback(\"" + named.value() + "\") on " + method + " names no default method of "
                    + type.getName() + " with the same parameters (optionally followed by a Throwable) returning "
                    + method.getReturnType().getName());
        }
        return fallbackBean == null ? null : new ClientFallback(fallbackBean, method, false);
    }

    /** The fallback's answer to a failed call made with {@code args}. */
    @Nullable Object answer(Object proxy, @Nullable Object[] args, Throwable failure) throws Throwable {
        Object[] given = args == null ? new Object[0] : args;
        if (takesFailure) {
            given = Arrays.copyOf(given, given.length + 1);
            given[given.length - 1] = failure;
        }
        if (bean == null) {
            return InvocationHandler.invokeDefault(proxy, target, given);
        }
        try {
            return target.invoke(bean, given);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    /** The fallback's answer for a method that returns a Mono: its Mono's value as a future. */
    CompletableFuture<Object> answerMono(Object proxy, @Nullable Object[] args, Throwable failure) {
        try {
            Object answer = answer(proxy, args, failure);
            return answer == null ? CompletableFuture.completedFuture(null) : ReactorCalls.toFuture(answer);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** The fallback's answer as a future, for methods that return one. */
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> answerAsync(Object proxy, @Nullable Object[] args, Throwable failure) {
        try {
            Object answer = answer(proxy, args, failure);
            if (answer instanceof CompletionStage<?> stage) {
                return (CompletableFuture<Object>) stage.toCompletableFuture();
            }
            return CompletableFuture.completedFuture(answer);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }
}
