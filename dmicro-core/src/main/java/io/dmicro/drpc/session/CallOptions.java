package io.dmicro.drpc.session;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-message settings for a call or push: timeout, meta, body codec, the codec asked for the
 * reply, and transfer filters. Immutable; {@link #DEFAULT} uses the endpoint's defaults.
 *
 * @param timeout how long a call waits for its reply; null uses the endpoint's call timeout, zero
 *     or negative waits without limit
 * @param meta entries added to the message's meta
 * @param bodyCodec the name of the codec for the body; null uses the endpoint's default
 * @param acceptBodyCodec the name of the codec the peer should reply in; null lets the peer choose
 * @param filters transfer filter names, outermost first
 */
public record CallOptions(@Nullable Duration timeout, Map<String, String> meta, @Nullable String bodyCodec,
        @Nullable String acceptBodyCodec, List<String> filters) {

    public static final CallOptions DEFAULT = new CallOptions(null, Map.of(), null, null, List.of());

    public CallOptions {
        meta = Map.copyOf(meta);
        filters = List.copyOf(filters);
    }

    public static CallOptions timeout(Duration timeout) {
        return DEFAULT.withTimeout(timeout);
    }

    public CallOptions withTimeout(@Nullable Duration newTimeout) {
        return new CallOptions(newTimeout, meta, bodyCodec, acceptBodyCodec, filters);
    }

    public CallOptions withMeta(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(meta);
        m.put(key, value);
        return new CallOptions(timeout, m, bodyCodec, acceptBodyCodec, filters);
    }

    public CallOptions withBodyCodec(@Nullable String codecName) {
        return new CallOptions(timeout, meta, codecName, acceptBodyCodec, filters);
    }

    public CallOptions withAcceptBodyCodec(@Nullable String codecName) {
        return new CallOptions(timeout, meta, bodyCodec, codecName, filters);
    }

    public CallOptions withFilters(String... filterNames) {
        return new CallOptions(timeout, meta, bodyCodec, acceptBodyCodec, List.of(filterNames));
    }
}
