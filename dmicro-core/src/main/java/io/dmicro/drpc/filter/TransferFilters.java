package io.dmicro.drpc.filter;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's immutable set of transfer filters, looked up by wire id or name, that runs a
 * message's filter pipe: packing from the last id to the first and unpacking from the first to
 * the last, as the original's code does.
 */
public final class TransferFilters {

    /** The most filter ids one frame can list, since the wire stores the count in one byte. */
    public static final int MAX_PIPE_LENGTH = 255;

    private final @Nullable TransferFilter[] byId;
    private final Map<String, TransferFilter> byName;

    private TransferFilters(Builder builder) {
        this.byId = builder.byId.clone();
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(builder.byName));
    }

    /** Gzip at the default level and md5. */
    public static TransferFilters defaults() {
        return builder().add(new GzipFilter()).add(new Md5Filter()).build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this set's filters, to add to or remove from. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        byName.values().forEach(builder::add);
        return builder;
    }

    public @Nullable TransferFilter get(byte id) {
        return byId[id & 0xFF];
    }

    public @Nullable TransferFilter get(String name) {
        return byName.get(name);
    }

    /** The filter with this id, or an {@link IllegalArgumentException} listing the known names. */
    public TransferFilter require(byte id) {
        TransferFilter filter = get(id);
        if (filter == null) {
            throw new IllegalArgumentException("unknown transfer filter: " + idText(id) + known());
        }
        return filter;
    }

    /** The filter with this name, or an {@link IllegalArgumentException} listing known names. */
    public TransferFilter require(String name) {
        TransferFilter filter = get(name);
        if (filter == null) {
            throw new IllegalArgumentException("unknown transfer filter: " + name + known());
        }
        return filter;
    }

    /** All filters in registration order. */
    public Collection<TransferFilter> all() {
        return byName.values();
    }

    /** Applies the filters for {@code ids} from the last to the first. */
    public byte[] pack(byte[] ids, byte[] data) {
        checkLength(ids);
        byte[] out = data;
        for (int i = ids.length - 1; i >= 0; i--) {
            out = filterFor(ids[i]).onPack(out);
        }
        return out;
    }

    /** Reverses {@link #pack}, from the first id to the last, each step bounded by maxSize. */
    public byte[] unpack(byte[] ids, byte[] data, int maxSize) {
        checkLength(ids);
        byte[] out = data;
        for (byte id : ids) {
            out = filterFor(id).onUnpack(out, maxSize);
        }
        return out;
    }

    private TransferFilter filterFor(byte id) {
        TransferFilter filter = get(id);
        if (filter == null) {
            throw new FilterException("unknown transfer filter id " + idText(id));
        }
        return filter;
    }

    private static void checkLength(byte[] ids) {
        if (ids.length > MAX_PIPE_LENGTH) {
            throw new FilterException("transfer filter pipe too long: " + ids.length
                    + " ids (max " + MAX_PIPE_LENGTH + ")");
        }
    }

    private String known() {
        return " (known: " + String.join(", ", byName.keySet()) + ")";
    }

    static String idText(byte id) {
        return id > ' ' && id < 0x7F ? "'" + (char) id + "'" : Integer.toString(id & 0xFF);
    }

    /** Collects filters, rejecting id 0 and any clash of id or name as it goes. */
    public static final class Builder {

        private final @Nullable TransferFilter[] byId = new TransferFilter[256];
        private final Map<String, TransferFilter> byName = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(TransferFilter filter) {
            String what = "transfer filter " + filter.name() + " (id " + idText(filter.id()) + ")";
            if (filter.id() == 0) {
                throw new IllegalArgumentException("cannot register " + what
                        + ": id 0 is reserved");
            }
            TransferFilter sameId = byId[filter.id() & 0xFF];
            if (sameId != null) {
                throw new IllegalArgumentException("cannot register " + what
                        + ": id already used by " + sameId.name());
            }
            TransferFilter sameName = byName.get(filter.name());
            if (sameName != null) {
                throw new IllegalArgumentException("cannot register " + what
                        + ": name already used by the filter with id " + idText(sameName.id()));
            }
            byId[filter.id() & 0xFF] = filter;
            byName.put(filter.name(), filter);
            return this;
        }

        /** Removes the filter with this name, if any, so that a replacement can be added. */
        public Builder remove(String name) {
            TransferFilter filter = byName.remove(name);
            if (filter != null) {
                byId[filter.id() & 0xFF] = null;
            }
            return this;
        }

        public TransferFilters build() {
            return new TransferFilters(this);
        }
    }
}
