package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;
import io.dmicro.spring.boot.autoconfigure.Idempotent;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * How one {@code @DrpcClient} method calls: its route, which parameter is the body and which the
 * options, the type the reply decodes into, and whether the caller waits.
 *
 * @param route the route called
 * @param bodyIndex the body parameter, or -1 for none
 * @param optionsIndex the {@link CallOptions} parameter, or -1 for none
 * @param replyType the type the reply body decodes into
 * @param mode how the result is handed back
 * @param idempotent whether the method or its interface carries {@link Idempotent}
 */
record ClientMethod(String route, int bodyIndex, int optionsIndex, Type replyType, Mode mode, boolean idempotent) {

    /** How the proxy returns. */
    enum Mode { BLOCKING, VOID, FUTURE }

    static ClientMethod of(Method method, String servicePrefix, ServiceMethodMapper mapper) {
        DrpcRoute explicit = method.getAnnotation(DrpcRoute.class);
        String route = explicit != null ? explicit.value() : mapper.map(servicePrefix, method.getName());
        int body = -1;
        int options = -1;
        Class<?>[] params = method.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            if (params[i] == CallOptions.class) {
                options = i;
            } else if (body < 0) {
                body = i;
            } else {
                throw new IllegalArgumentException("@DrpcClient method " + method + " takes more than one body argument;"
                        + " wrap them in one record");
            }
        }
        boolean idempotent = method.isAnnotationPresent(Idempotent.class) || method.getDeclaringClass().isAnnotationPresent(Idempotent.class);
        Class<?> returns = method.getReturnType();
        if (returns == void.class || returns == Void.class) {
            return new ClientMethod(route, body, options, Void.class, Mode.VOID, idempotent);
        }
        if (returns == CompletableFuture.class || returns == CompletionStage.class) {
            return new ClientMethod(route, body, options, typeArgument(method.getGenericReturnType()), Mode.FUTURE, idempotent);
        }
        Type reply = returns.isPrimitive() ? boxed(returns) : method.getGenericReturnType();
        return new ClientMethod(route, body, options, reply, Mode.BLOCKING, idempotent);
    }

    @Nullable Object body(@Nullable Object[] args) {
        return bodyIndex < 0 || args == null ? null : args[bodyIndex];
    }

    CallOptions options(@Nullable Object[] args) {
        CallOptions given = optionsIndex < 0 || args == null || args[optionsIndex] == null
                ? CallOptions.DEFAULT : (CallOptions) args[optionsIndex];
        return idempotent && !given.idempotent() ? given.withIdempotent(true) : given;
    }

    private static Type typeArgument(Type type) {
        if (type instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[0];
            return arg == Void.class ? Void.class : arg;
        }
        return Object.class;
    }

    private static Class<?> boxed(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }
}
