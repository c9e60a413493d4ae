package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.session.CallOptions;
import io.dmicro.spring.boot.autoconfigure.DrpcCallSettings;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * The {@link DrpcCallSettings} of one client method, the interface's merged under the method's.
 *
 * @param timeout the reply timeout, or null to inherit
 * @param bodyCodec the request's body codec, or null
 * @param acceptBodyCodec the codec asked of the reply, or null
 * @param meta meta sent with every call
 * @param idempotent whether the call may safely run twice, for the retry rule
 */
public record CallSettings(@Nullable Duration timeout, @Nullable String bodyCodec, @Nullable String acceptBodyCodec,
        Map<String, String> meta, boolean idempotent) {

    /** Nothing set. */
    public static final CallSettings NONE = new CallSettings(null, null, null, Map.of(), false);

    public CallSettings {
        meta = Map.copyOf(meta);
    }

    /** The settings of {@code method}; {@code resolve} expands {@code ${...}} placeholders. */
    static CallSettings of(Method method, UnaryOperator<String> resolve) {
        CallSettings type = of(method, method.getDeclaringClass().getAnnotation(DrpcCallSettings.class), NONE, resolve);
        CallSettings settings = of(method, method.getAnnotation(DrpcCallSettings.class), type, resolve);
        // @Idempotent on the method or its interface says the same as @DrpcCallSettings(idempotent = true)
        boolean idempotent = method.isAnnotationPresent(io.dmicro.spring.boot.autoconfigure.Idempotent.class)
                || method.getDeclaringClass().isAnnotationPresent(io.dmicro.spring.boot.autoconfigure.Idempotent.class);
        return idempotent && !settings.idempotent
                ? new CallSettings(settings.timeout, settings.bodyCodec, settings.acceptBodyCodec, settings.meta, true) : settings;
    }

    private static CallSettings of(Method method, @Nullable DrpcCallSettings a, CallSettings inherited, UnaryOperator<String> resolve) {
        if (a == null) {
            return inherited;
        }
        Duration timeout = inherited.timeout;
        String text = resolve.apply(a.timeout()).trim();
        if (!text.isEmpty()) {
            try {
                timeout = DurationStyle.detectAndParse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where(method) + ": @DrpcCallSettings timeout '" + text + "' is not a duration such as 2s");
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(where(method) + ": @DrpcCallSettings timeout must not be negative: " + text);
            }
        }
        Map<String, String> meta = new LinkedHashMap<>(inherited.meta);
        for (String pair : a.meta()) {
            String entry = resolve.apply(pair);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where(method) + ": @DrpcCallSettings meta '" + entry + "' is not key=value");
            }
            meta.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return new CallSettings(timeout, orElse(resolve.apply(a.bodyCodec()), inherited.bodyCodec),
                orElse(resolve.apply(a.acceptBodyCodec()), inherited.acceptBodyCodec), meta, a.idempotent() || inherited.idempotent);
    }

    /** {@code options} with these settings beneath it: what a CallOptions argument sets wins. */
    CallOptions under(CallOptions options) {
        CallOptions out = options;
        if (out.timeout() == null && timeout != null) {
            out = out.withTimeout(timeout);
        }
        if (out.bodyCodec() == null && bodyCodec != null) {
            out = out.withBodyCodec(bodyCodec);
        }
        if (out.acceptBodyCodec() == null && acceptBodyCodec != null) {
            out = out.withAcceptBodyCodec(acceptBodyCodec);
        }
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (!out.meta().containsKey(e.getKey())) {
                out = out.withMeta(e.getKey(), e.getValue());
            }
        }
        if (idempotent && !out.idempotent()) {
            out = out.withIdempotent(true);
        }
        return out;
    }

    static String where(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

    private static @Nullable String orElse(String value, @Nullable String inherited) {
        return value.isBlank() ? inherited : value.trim();
    }
}
