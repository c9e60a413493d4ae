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
 * @param idempotent whether running the call twice does no harm: a multi-instance client then
 *     retries it on another instance even when its connection broke after it was written (102);
 *     a call that was not executed is retried either way ({@code DrpcException.safeToRetry})
 */
public record CallOptions(@Nullable Duration timeout, Map<String, String> meta, @Nullable String bodyCodec,
        @Nullable String acceptBodyCodec, List<String> filters, boolean idempotent) {

    public static final CallOptions DEFAULT = new CallOptions(null, Map.of(), null, null, List.of(), false);

    public CallOptions {
        meta = Map.copyOf(meta);
        filters = List.copyOf(filters);
    }

    /** Options of a call that is not idempotent. */
    public CallOptions(@Nullable Duration timeout, Map<String, String> meta, @Nullable String bodyCodec,
            @Nullable String acceptBodyCodec, List<String> filters) {
        this(timeout, meta, bodyCodec, acceptBodyCodec, filters, false);
    }

    /** Marks the call as safe to run twice (see {@link #idempotent}). */
    public CallOptions withIdempotent(boolean isIdempotent) {
        return new CallOptions(timeout, meta, bodyCodec, acceptBodyCodec, filters, isIdempotent);
    }

    public static CallOptions timeout(Duration timeout) {
        return DEFAULT.withTimeout(timeout);
    }

    public CallOptions withTimeout(@Nullable Duration newTimeout) {
        return new CallOptions(newTimeout, meta, bodyCodec, acceptBodyCodec, filters, idempotent);
    }

    public CallOptions withMeta(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(meta);
        m.put(key, value);
        return new CallOptions(timeout, m, bodyCodec, acceptBodyCodec, filters, idempotent);
    }

    public CallOptions withBodyCodec(@Nullable String codecName) {
        return new CallOptions(timeout, meta, codecName, acceptBodyCodec, filters, idempotent);
    }

    public CallOptions withAcceptBodyCodec(@Nullable String codecName) {
        return new CallOptions(timeout, meta, bodyCodec, codecName, filters, idempotent);
    }

    public CallOptions withFilters(String... filterNames) {
        return new CallOptions(timeout, meta, bodyCodec, acceptBodyCodec, List.of(filterNames), idempotent);
    }
}
