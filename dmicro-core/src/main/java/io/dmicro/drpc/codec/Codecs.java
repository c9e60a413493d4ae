package io.dmicro.drpc.codec;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's immutable set of body codecs, looked up by wire id, name or content type, with
 * the body rules of the original (nil is empty, raw bytes skip the codec).
 */
public final class Codecs {

    private static final String PROTOBUF_LIBRARY = "com.google.protobuf.MessageLite";
    private static final String XML_LIBRARY = "tools.jackson.dataformat.xml.XmlMapper";

    private final @Nullable Codec[] byId;
    private final Map<String, Codec> byName;
    private final Map<String, Codec> byContentType;

    private Codecs(Builder builder) {
        this.byId = builder.byId.clone();
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(builder.byName));
        Map<String, Codec> types = new LinkedHashMap<>();
        byName.values().forEach(c -> types.putIfAbsent(normalize(c.contentType()), c));
        this.byContentType = types;
    }

    /** Json, plain and form, plus protobuf and xml when their libraries are on the classpath. */
    public static Codecs defaults() {
        Builder builder = builder().add(new JsonCodec()).add(new PlainCodec()).add(new FormCodec());
        addIfPresent(builder, PROTOBUF_LIBRARY, "io.dmicro.drpc.codec.ProtobufCodec");
        addIfPresent(builder, XML_LIBRARY, "io.dmicro.drpc.codec.XmlCodec");
        return builder.build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this set's codecs, to add to or remove from. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        byName.values().forEach(builder::add);
        return builder;
    }

    public @Nullable Codec get(byte id) {
        return byId[id & 0xFF];
    }

    public @Nullable Codec get(String name) {
        return byName.get(name);
    }

    /** The codec with this id, or an {@link IllegalArgumentException} listing the known names. */
    public Codec require(byte id) {
        Codec codec = get(id);
        if (codec == null) {
            throw new IllegalArgumentException("unknown body codec: " + idText(id) + known());
        }
        return codec;
    }

    /** The codec with this name, or an {@link IllegalArgumentException} listing the known names. */
    public Codec require(String name) {
        Codec codec = get(name);
        if (codec == null) {
            throw new IllegalArgumentException("unknown body codec: " + name + known());
        }
        return codec;
    }

    /** All codecs in registration order. */
    public Collection<Codec> all() {
        return byName.values();
    }

    /** The codec for an HTTP content type, ignoring parameters such as a charset and case. */
    public @Nullable Codec forContentType(String contentType) {
        return byContentType.get(normalize(contentType));
    }

    /** Encodes a body: null is empty, a {@code byte[]} passes raw, anything else uses the codec. */
    public byte[] encodeBody(@Nullable Object value, byte codecId) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return codecFor(codecId, value.getClass().getName()).encode(value);
    }

    /**
     * Decodes a body: a {@code byte[]} target gets the bytes raw, empty data gives null (or ""
     * for a String target), anything else uses the codec.
     */
    public @Nullable Object decodeBody(byte[] data, byte codecId, Type type) {
        if (type == byte[].class) {
            return data;
        }
        if (data.length == 0) {
            return type == String.class ? "" : null;
        }
        return codecFor(codecId, type.getTypeName()).decode(data, type);
    }

    private Codec codecFor(byte codecId, String typeName) {
        if (codecId == 0) {
            throw new CodecException("body codec id 0 (none) carries only byte[], not " + typeName);
        }
        Codec codec = get(codecId);
        if (codec == null) {
            throw new CodecException("unknown body codec id " + idText(codecId));
        }
        return codec;
    }

    private String known() {
        return " (known: " + String.join(", ", byName.keySet()) + ")";
    }

    private static void addIfPresent(Builder builder, String library, String codecClass) {
        ClassLoader loader = Codecs.class.getClassLoader();
        try {
            Class.forName(library, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        // Reflection keeps the optional codec class out of this class's constant pool resolution.
        try {
            builder.add((Codec) Class.forName(codecClass, true, loader)
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            // An incompatible library version: the endpoint works without this codec.
        }
    }

    private static String normalize(String contentType) {
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return bare.trim().toLowerCase(Locale.ROOT);
    }

    static String idText(byte id) {
        return id > ' ' && id < 0x7F ? "'" + (char) id + "'" : Integer.toString(id & 0xFF);
    }

    /** Collects codecs, rejecting id 0 and any clash of id or name as it goes. */
    public static final class Builder {

        private final @Nullable Codec[] byId = new Codec[256];
        private final Map<String, Codec> byName = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(Codec codec) {
            String what = "body codec " + codec.name() + " (id " + idText(codec.id()) + ")";
            if (codec.id() == 0) {
                throw new IllegalArgumentException("cannot register " + what
                        + ": id 0 means no codec");
            }
            Codec sameId = byId[codec.id() & 0xFF];
            if (sameId != null) {
                throw new IllegalArgumentException("cannot register " + what
                        + ": id already used by " + sameId.name());
            }
            Codec sameName = byName.get(codec.name());
            if (sameName != null) {
                throw new IllegalArgumentException("cannot register " + what
                        + ": name already used by the codec with id " + idText(sameName.id()));
            }
            byId[codec.id() & 0xFF] = codec;
            byName.put(codec.name(), codec);
            return this;
        }

        /** Removes the codec with this name, if any, so that a replacement can be added. */
        public Builder remove(String name) {
            Codec codec = byName.remove(name);
            if (codec != null) {
                byId[codec.id() & 0xFF] = null;
            }
            return this;
        }

        public Codecs build() {
            return new Codecs(this);
        }
    }
}
