package io.dmicro.spring.boot.autoconfigure.client;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Which types a client method may take and return: anything a body codec can decode, but not the
 * kinds that promise something a single request/reply cannot keep (streams, many-valued publishers,
 * futures other than {@code CompletableFuture}) nor a type the codec cannot know (a type variable).
 * Reactor's {@code Mono} is known by name, so Reactor stays an optional dependency.
 */
final class ClientTypes {

    static final String MONO = "reactor.core.publisher.Mono";

    /** Types that look like a value but are many values or a promise of one. */
    private static final List<String> UNSUPPORTED = List.of("reactor.core.publisher.Flux", "org.reactivestreams.Publisher",
            "java.util.concurrent.Flow$Publisher", "java.util.stream.BaseStream", "java.util.Iterator", "java.io.InputStream",
            "java.io.OutputStream", "java.io.Reader");

    private ClientTypes() {
    }

    static boolean isMono(Class<?> type) {
        return type.getName().equals(MONO);
    }

    static void checkReply(Method method, Type type) {
        String why = why(type);
        if (why != null) {
            throw ClientMethod.refused(method, "returns " + type.getTypeName() + ", which is not supported: " + why
                    + ". Return the reply type itself, void, CompletableFuture<T>, CompletionStage<T> or (with Reactor) Mono<T>");
        }
    }

    static void checkBody(Method method, Type type) {
        Class<?> raw = raw(type);
        String why = raw != null && (isMono(raw) || java.util.concurrent.CompletionStage.class.isAssignableFrom(raw))
                ? "a body must be a value, not a promise of one" : why(type);
        if (why != null) {
            throw ClientMethod.refused(method, "takes " + type.getTypeName() + ", which is not supported as a body: " + why);
        }
    }

    private static @Nullable String why(Type type) {
        if (type instanceof TypeVariable<?> v) {
            return "the type variable " + v.getName() + " tells the codec nothing to decode into";
        }
        if (type instanceof WildcardType) {
            return "a wildcard tells the codec nothing to decode into";
        }
        if (type instanceof GenericArrayType g) {
            return why(g.getGenericComponentType());
        }
        Class<?> raw = raw(type);
        if (raw == null) {
            return null;
        }
        if (isMono(raw)) {
            return "a Mono must be the method's own return type, not nested";
        }
        if (Future.class.isAssignableFrom(raw)) {
            return "only CompletableFuture and CompletionStage are supported as the return type itself";
        }
        for (String name : UNSUPPORTED) {
            if (isA(raw, name)) {
                return "a " + name.substring(name.lastIndexOf('.') + 1).replace('$', '.') + " is not one value that a reply can carry";
            }
        }
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                String nested = why(arg);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static @Nullable Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isA(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
