package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.CodecException;
import java.util.stream.Collectors;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A body that did not decode, told by the field it failed at, in the caller's terms rather than
 * Jackson's: a missing value for a primitive is "the body has no value for 'b' (int)", not advice
 * on {@code DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES}; {@code 1.5} for an {@code int} is
 * "'a' must be a whole number (int), not 1.5", not advice on {@code CoercionConfig}. Every other
 * failure keeps the codec's own message.
 */
final class BodyErrors {

    private BodyErrors() {
    }

    static String reason(RuntimeException e) {
        if (e instanceof CodecException && e.getCause() instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = path(m);
            String target = m.getTargetType() == null ? "" : " (" + m.getTargetType().getTypeName() + ")";
            if (String.valueOf(m.getOriginalMessage()).startsWith("Cannot map `null` into type")) {
                return "the body has no value for '" + field + "'" + target;
            }
            if (m instanceof InvalidFormatException f && f.getValue() instanceof Number && isWhole(m.getTargetType())) {
                return "'" + field + "' must be a whole number" + target + ", not " + f.getValue();
            }
        }
        return String.valueOf(e.getMessage());
    }

    private static boolean isWhole(Class<?> type) {
        return type == int.class || type == long.class || type == short.class || type == byte.class || type == Integer.class
                || type == Long.class || type == Short.class || type == Byte.class || type == java.math.BigInteger.class;
    }

    /** {@code b}, {@code items[2].price}: the property names and indices from the body's root. */
    private static String path(DatabindException e) {
        return e.getPath().stream().map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
