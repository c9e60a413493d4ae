package io.dmicro.drpc.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The string key-value metadata of a message, in insertion order. drpc writes it as a JSON
 * object, erpc as a URL query; both are read back into this one model. Not thread-safe: a
 * message belongs to one thread at a time.
 *
 * <p>A key may carry more than one value, as erpc's URL-query meta does ({@code a=1&a=2}):
 * {@link #add} appends one, {@link #getAll} returns them all, and {@link #get}, {@link #asMap}
 * and {@link #forEach} see the first (as Go's {@code url.Values.Get}). drpc's JSON meta has one
 * value per key, so the drpc dialect writes the first.
 */
public final class Meta {

    /** Set by proxies to the address of the original caller. */
    public static final String REAL_IP = "X-Real-IP";
    /** A decimal codec id asking the peer to reply in that codec (reference §5.3). */
    public static final String ACCEPT_BODY_CODEC = "X-Accept-Body-Codec";
    /**
     * The time a call has left, in whole milliseconds, as the caller wrote it when it sent the call
     * ({@code EndpointConfig.Builder.sendDeadlines}); the receiving handler's deadline. Relative, so
     * the two machines' clocks need not agree.
     */
    public static final String TIMEOUT = "X-Drpc-Timeout";

    private static final LinkedHashMap<String, String> NONE = new LinkedHashMap<>(0);

    /** Most messages carry no meta: the map is made on the first {@code set}, never read-modified while shared. */
    private LinkedHashMap<String, String> entries;
    /** Values after the first, for the rare key that has several; null until one does. */
    private @Nullable LinkedHashMap<String, List<String>> more;

    public Meta() {
        this.entries = NONE;
    }

    public Meta(Map<String, String> initial) {
        this.entries = initial.isEmpty() ? NONE : new LinkedHashMap<>(initial);
    }

    public @Nullable String get(String key) {
        return entries.isEmpty() ? null : entries.get(key); // skips hashing the key on the common empty meta
    }

    /** Sets {@code key} to this one value, replacing every value it had. */
    public Meta set(String key, String value) {
        writable().put(key, value);
        if (more != null) {
            more.remove(key);
        }
        return this;
    }

    /** Adds a value to {@code key}: its first if it had none, else one more after the others. */
    public Meta add(String key, String value) {
        if (!writable().containsKey(key)) {
            entries.put(key, value);
            return this;
        }
        if (more == null) {
            more = new LinkedHashMap<>(2);
        }
        more.computeIfAbsent(key, k -> new ArrayList<>(2)).add(value);
        return this;
    }

    /** Every value of {@code key} in the order added; empty when it has none. */
    public List<String> getAll(String key) {
        String first = get(key);
        if (first == null) {
            return List.of();
        }
        List<String> rest = more == null ? null : more.get(key);
        if (rest == null) {
            return List.of(first);
        }
        List<String> all = new ArrayList<>(1 + rest.size());
        all.add(first);
        all.addAll(rest);
        return Collections.unmodifiableList(all);
    }

    /** Like {@link #forEach} but once for every value of a key with several. */
    public void forEachValue(BiConsumer<String, String> action) {
        entries.forEach((k, v) -> {
            action.accept(k, v);
            List<String> rest = more == null ? null : more.get(k);
            if (rest != null) {
                rest.forEach(r -> action.accept(k, r));
            }
        });
    }

    private LinkedHashMap<String, String> writable() {
        if (entries == NONE) {
            entries = new LinkedHashMap<>(4);
        }
        return entries;
    }

    public @Nullable String remove(String key) {
        if (more != null) {
            more.remove(key);
        }
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
        Meta copy = new Meta(entries);
        if (more != null) {
            copy.more = new LinkedHashMap<>();
            more.forEach((k, v) -> copy.more.put(k, new ArrayList<>(v)));
        }
        return copy;
    }

    /** Sets every key of {@code other} here, with all its values. */
    public void putAll(Meta other) {
        if (!other.entries.isEmpty()) {
            other.entries.keySet().forEach(this::remove);
            other.forEachValue(this::add);
        }
    }

    public void clear() {
        if (entries != NONE) {
            entries.clear();
        }
        more = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Meta m && m.entries.equals(entries) && extras(m).equals(extras(this));
    }

    private static Map<String, List<String>> extras(Meta m) {
        return m.more == null ? Map.of() : m.more;
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
