package io.dmicro.drpc.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The string key-value metadata of a message, in insertion order. drpc writes it as a JSON
 * object, erpc as a URL query; both are read back into this one model. Not thread-safe: a
 * message belongs to one thread at a time.
 */
public final class Meta {

    /** Set by proxies to the address of the original caller. */
    public static final String REAL_IP = "X-Real-IP";
    /** A decimal codec id asking the peer to reply in that codec (reference §5.3). */
    public static final String ACCEPT_BODY_CODEC = "X-Accept-Body-Codec";

    private static final LinkedHashMap<String, String> NONE = new LinkedHashMap<>(0);

    /** Most messages carry no meta: the map is made on the first {@code set}, never read-modified while shared. */
    private LinkedHashMap<String, String> entries;

    public Meta() {
        this.entries = NONE;
    }

    public Meta(Map<String, String> initial) {
        this.entries = initial.isEmpty() ? NONE : new LinkedHashMap<>(initial);
    }

    public @Nullable String get(String key) {
        return entries.isEmpty() ? null : entries.get(key); // skips hashing the key on the common empty meta
    }

    public Meta set(String key, String value) {
        writable().put(key, value);
        return this;
    }

    private LinkedHashMap<String, String> writable() {
        if (entries == NONE) {
            entries = new LinkedHashMap<>(4);
        }
        return entries;
    }

    public @Nullable String remove(String key) {
        return entries == NONE ? null : entries.remove(key);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    public void forEach(BiConsumer<String, String> action) {
        entries.forEach(action);
    }

    /** A read-only view. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(entries);
    }

    public Meta copy() {
        return new Meta(entries);
    }

    public void putAll(Meta other) {
        if (!other.entries.isEmpty()) {
            writable().putAll(other.entries);
        }
    }

    public void clear() {
        if (entries != NONE) {
            entries.clear();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Meta m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
