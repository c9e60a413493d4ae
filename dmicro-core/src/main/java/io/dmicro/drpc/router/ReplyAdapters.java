package io.dmicro.drpc.router;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The reply types a router turns into a {@link CompletionStage}, registered with {@link Router#adaptReplies}. */
final class ReplyAdapters {

    private final Map<Class<?>, Function<Object, ? extends CompletionStage<?>>> byType = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> void add(Class<T> type, Function<? super T, ? extends CompletionStage<?>> adapter) {
        byType.put(type, value -> adapter.apply((T) value));
    }

    /** The invoker, with its results adapted when {@code returnType} is one of the registered types. */
    Route.Invoker wrap(Class<?> returnType, Route.Invoker invoker) {
        for (Map.Entry<Class<?>, Function<Object, ? extends CompletionStage<?>>> e : byType.entrySet()) {
            if (e.getKey().isAssignableFrom(returnType) && returnType != Object.class) {
                Function<Object, ? extends CompletionStage<?>> adapter = e.getValue();
                return (ctx, arg) -> {
                    Object result = invoker.invoke(ctx, arg);
                    return result == null ? null : adapter.apply(result);
                };
            }
        }
        return invoker;
    }
}
