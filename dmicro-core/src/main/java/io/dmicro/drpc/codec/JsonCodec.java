package io.dmicro.drpc.codec;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code 'j'} body codec, JSON through Jackson; the default codec of every endpoint.
 *
 * <p>The default mapper never enables default typing: a body names no Java class, so a peer
 * cannot make this side instantiate arbitrary types.
 */
public final class JsonCodec implements Codec {

    /** The wire id. */
    public static final byte ID = 'j';

    private final ObjectMapper mapper;

    /** Uses Jackson's defaults, with unknown properties always ignored. */
    public JsonCodec() {
        // Go's encoding/json ignores unknown fields, so a newer peer may add fields freely.
        this(JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }

    /** Uses the given mapper as it is configured. */
    public JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        if (value == null) {
            return new byte[0];
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new CodecException("json codec: cannot encode "
                    + value.getClass().getName() + ": " + reason(e), e);
        }
    }

    @Override
    public @Nullable Object decode(byte[] data, Type type) {
        try {
            return mapper.readValue(data, mapper.constructType(type));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CodecException("json codec: cannot decode "
                    + type.getTypeName() + ": " + reason(e), e);
        }
    }

    // Jackson's full message quotes the body; the original message alone is enough to report.
    static String reason(RuntimeException e) {
        return String.valueOf(e instanceof JacksonException jackson
                ? jackson.getOriginalMessage() : e.getMessage());
    }
}
