package io.dmicro.drpc.codec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/** The class behind a declared type, for the codecs' {@link Codec#canEncode} checks. */
final class RawTypes {

    private RawTypes() {
    }

    /** The class itself, a parameterized type's raw class, or null (a type variable, a wildcard). */
    static @Nullable Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }
}
