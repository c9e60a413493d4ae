package io.dmicro.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code dmicro.*} setting whose value cannot be used; start-up fails naming the key and the value.
 * Secrets in the value (a listen URI's {@code keyPassword=}, any {@code *secret*} or {@code *token*}
 * option) are redacted, so the failure report never shows them.
 */
public class DmicroConfigurationException extends RuntimeException {

    private final String key;
    private final @Nullable String value;
    private final String action;

    public DmicroConfigurationException(String key, @Nullable String value, String reason, String action) {
        this(key, value, reason, action, null);
    }

    public DmicroConfigurationException(String key, @Nullable String value, String reason, String action, @Nullable Throwable cause) {
        super(key + "=" + redact(value) + ": " + redact(reason), cause);
        this.key = key;
        this.value = redact(value);
        this.action = action;
    }

    private static @Nullable String redact(@Nullable String text) {
        return text == null ? null : io.dmicro.drpc.transport.TransportUri.redact(text);
    }

    /** The property key, such as {@code dmicro.endpoint.listen[0]}. */
    public String key() {
        return key;
    }

    public @Nullable String value() {
        return value;
    }

    /** What the user should do about it. */
    public String action() {
        return action;
    }
}
