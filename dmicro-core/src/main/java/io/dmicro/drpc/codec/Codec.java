package io.dmicro.drpc.codec;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * Turns message bodies into bytes and back. Each codec has a one-byte id that travels on the wire
 * (ASCII, as in the original: {@code 'j'} json, {@code 'p'} protobuf, {@code 'f'} form,
 * {@code 's'} plain, {@code 'x'} xml) and a name used in configuration. Implementations are
 * thread-safe.
 */
public interface Codec {

    /** The wire id; never 0, which means "no codec". */
    byte id();

    /** The configuration name, such as {@code json}. */
    String name();

    /** The HTTP content type for this codec, such as {@code application/json}. */
    String contentType();

    /** Encodes a body value; a null value encodes as an empty array. */
    byte[] encode(@Nullable Object value) throws CodecException;

    /** Decodes body bytes into the given type. */
    @Nullable Object decode(byte[] data, Type type) throws CodecException;

    /**
     * Whether a value of the declared type may be encodable: false only when no value of it can be
     * (protobuf and an {@code int}), so a call that asks for this codec can be refused before its
     * handler runs. True when it can, or when that cannot be known from the type alone.
     */
    default boolean canEncode(Type type) {
        return true;
    }
}
