package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * How one {@code @DrpcClient} method calls: its route, which parameter is the body and which the
 * options, the type the reply decodes into, how the result is handed back, and its settings.
 *
 * @param route the route called
 * @param bodyIndex the body parameter, or -1 for none
 * @param optionsIndex the {@link CallOptions} parameter, or -1 for none
 * @param replyType the type the reply body decodes into
 * @param mode how the result is handed back
 * @param settings the method's {@code @DrpcCallSettings}
 */
record ClientMethod(String route, int bodyIndex, int optionsIndex, Type replyType, Mode mode, CallSettings settings) {

    /** How the proxy returns. */
    enum Mode { BLOCKING, VOID, FUTURE, MONO }

    /** Checks the method's signature and settings; an unsupported type fails naming the method. */
    static ClientMethod of(Method method, String servicePrefix, ServiceMethodMapper mapper, UnaryOperator<String> resolve) {
        DrpcRoute explicit = method.getAnnotation(DrpcRoute.class);
        String route = explicit != null ? resolve.apply(explicit.value()) : mapper.map(servicePrefix, method.getName());
        int body = -1;
        int options = -1;
        Class<?>[] params = method.getParameterTypes();
        Type[] generic = method.getGenericParameterTypes();
        for (int i = 0; i < params.length; i++) {
            if (params[i] == CallOptions.class) {
                if (options >= 0) {
                    throw refused(method, "takes more than one CallOptions");
                }
                options = i;
            } else if (body < 0) {
                ClientTypes.checkBody(method, generic[i]);
                body = i;
            } else {
                throw refused(method, "takes more than one body argument; wrap them in one record");
            }
        }
        CallSettings settings = CallSettings.of(method, resolve);
        Class<?> returns = method.getReturnType();
        if (returns == void.class || returns == Void.class) {
            return new ClientMethod(route, body, options, Void.class, Mode.VOID, settings);
        }
        if (returns == CompletableFuture.class || returns == CompletionStage.class) {
            return new ClientMethod(route, body, options, reply(method, typeArgument(method)), Mode.FUTURE, settings);
        }
        if (ClientTypes.isMono(returns)) {
            return new ClientMethod(route, body, options, reply(method, typeArgument(method)), Mode.MONO, settings);
        }
        ClientTypes.checkReply(method, method.getGenericReturnType());
        Type reply = returns.isPrimitive() ? boxed(returns) : method.getGenericReturnType();
        return new ClientMethod(route, body, options, reply, Mode.BLOCKING, settings);
    }

    @Nullable Object body(@Nullable Object[] args) {
        return bodyIndex < 0 || args == null ? null : args[bodyIndex];
    }

    /** The call's options: a CallOptions argument over the method's settings. */
    CallOptions options(@Nullable Object[] args) {
        CallOptions given = optionsIndex < 0 || args == null || args[optionsIndex] == null ? CallOptions.DEFAULT : (CallOptions) args[optionsIndex];
        return settings.under(given);
    }

    static IllegalArgumentException refused(Method method, String why) {
        return new IllegalArgumentException("@DrpcClient method " + CallSettings.where(method) + " " + why);
    }

    private static Type reply(Method method, Type type) {
        ClientTypes.checkReply(method, type);
        return type;
    }

    private static Type typeArgument(Method method) {
        if (method.getGenericReturnType() instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[0];
            return arg == Void.class ? Void.class : arg;
        }
        throw refused(method, "returns a raw " + method.getReturnType().getSimpleName() + "; name the reply type, such as "
                + method.getReturnType().getSimpleName() + "<Integer>");
    }

    private static Class<?> boxed(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }
}
