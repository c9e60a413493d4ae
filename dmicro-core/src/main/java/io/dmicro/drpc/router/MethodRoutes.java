package io.dmicro.drpc.router;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Finds the routable methods of a service object and builds an invoker for each. */
final class MethodRoutes {

    record Candidate(Method method, Type argType, Type replyType, List<MetaInfo> meta, Route.Invoker invoker) {
    }

    private MethodRoutes() {
    }

    static List<Candidate> candidates(Object service, RouteKind kind, ReplyAdapters adapters) {
        Class<?> contextType = kind == RouteKind.CALL ? CallContext.class : PushContext.class;
        List<Candidate> out = new ArrayList<>();
        Method[] methods = service.getClass().getMethods();
        java.util.Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic() || Router.isObjectMethod(m)
                    || m.getDeclaringClass().getName().startsWith("org.springframework.")) {
                continue;
            }
            Candidate c = candidate(service, m, contextType);
            Route.Invoker adapted = adapters.wrap(m.getReturnType(), c.invoker());
            out.add(adapted == c.invoker() ? c : new Candidate(c.method(), c.argType(), c.replyType(), c.meta(), adapted));
        }
        return out;
    }

    private static Candidate candidate(Object service, Method m, Class<?> contextType) {
        Class<?>[] params = m.getParameterTypes();
        Type[] generic = m.getGenericParameterTypes();
        boolean firstIsContext = params.length > 0 && params[0].isAssignableFrom(contextType)
                && InboundContext.class.isAssignableFrom(params[0]);
        int argIndex;
        if (params.length == 0) {
            argIndex = -1;
        } else if (params.length == 1) {
            argIndex = firstIsContext ? -1 : 0;
        } else if (params.length == 2 && firstIsContext) {
            argIndex = 1;
        } else {
            throw new IllegalArgumentException("cannot route " + m + ": a handler takes (), (arg), (ctx) or (ctx, arg) with ctx a "
                    + contextType.getSimpleName());
        }
        Type argType = argIndex < 0 ? Void.class : generic[argIndex];
        MethodHandle handle = handle(service, m);
        boolean withContext = firstIsContext;
        Route.Invoker invoker;
        if (withContext && argIndex >= 0) {
            invoker = (ctx, arg) -> handle.invoke(ctx, arg);
        } else if (withContext) {
            invoker = (ctx, arg) -> handle.invoke(ctx);
        } else if (argIndex >= 0) {
            invoker = (ctx, arg) -> handle.invoke(arg);
        } else {
            invoker = (ctx, arg) -> handle.invoke();
        }
        List<MetaInfo> meta = java.util.Arrays.stream(m.getAnnotationsByType(RouteMeta.class)).map(MetaInfo::of).toList();
        return new Candidate(m, argType, replyType(m), meta, invoker);
    }

    /** What a handler method replies: its return type, or T of a CompletionStage&lt;T&gt;; Void for void. */
    private static Type replyType(Method m) {
        Type t = m.getGenericReturnType();
        if (t == void.class) {
            return Void.class;
        }
        if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && java.util.concurrent.CompletionStage.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
            Type inner = p.getActualTypeArguments()[0];
            return inner instanceof Class<?> || inner instanceof java.lang.reflect.ParameterizedType ? inner : Object.class;
        }
        if (t instanceof Class<?> c && java.util.concurrent.CompletionStage.class.isAssignableFrom(c)) {
            return Object.class;
        }
        return t;
    }

    /** A handle bound to the service, typed to Object so one invoker shape fits every method. */
    private static MethodHandle handle(Object service, Method m) {
        try {
            m.setAccessible(true);
        } catch (RuntimeException ignored) {
            // a public method of a non-exported package type; unreflect below reports it if it matters
        }
        try {
            MethodHandle h = MethodHandles.lookup().unreflect(m).bindTo(service);
            return h.asType(MethodType.genericMethodType(m.getParameterCount()));
        } catch (IllegalAccessException e) {
            return reflective(service, m);
        }
    }

    private static MethodHandle reflective(Object service, Method m) {
        throw new IllegalArgumentException("cannot access handler method " + m + "; make its class public");
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
    }
}
