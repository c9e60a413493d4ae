package io.dmicro.drpc.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * The {@code 'p'} body codec for protobuf messages; only usable when {@code protobuf-java} is on
 * the classpath.
 */
public final class ProtobufCodec implements Codec {

    /** The wire id. */
    public static final byte ID = 'p';

    // Parsers are found by reflection once per message class; ClassValue lets classes unload.
    private static final ClassValue<Parser<?>> PARSERS = new ClassValue<>() {
        @Override
        protected Parser<?> computeValue(Class<?> type) {
            try {
                Object instance = type.getMethod("getDefaultInstance").invoke(null);
                return ((MessageLite) instance).getParserForType();
            } catch (NoSuchMethodException | IllegalAccessException
                    | InvocationTargetException | ClassCastException e) {
                throw new CodecException("protobuf codec: " + type.getName()
                        + " has no usable getDefaultInstance()", e);
            }
        }
    };

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "protobuf";
    }

    @Override
    public String contentType() {
        return "application/x-protobuf";
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        // Go encodes nil as an empty message, whose wire form is zero bytes.
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof MessageLite message) {
            return message.toByteArray();
        }
        throw new CodecException("protobuf codec: cannot encode " + value.getClass().getName()
                + ", which is not a com.google.protobuf.MessageLite");
    }

    /** Only messages: a declared class that is not a {@code MessageLite} (nor an interface one may implement) cannot be. */
    @Override
    public boolean canEncode(Type type) {
        Class<?> c = RawTypes.rawClass(type);
        if (c == null || c == void.class || c == Void.class || c == Object.class || c.isInterface()) {
            return true;
        }
        return MessageLite.class.isAssignableFrom(c);
    }

    @Override
    public @Nullable Object decode(byte[] data, Type type) {
        if (!(type instanceof Class<?> c) || !MessageLite.class.isAssignableFrom(c)) {
            throw new CodecException("protobuf codec: cannot decode into " + type.getTypeName()
                    + ", which is not a protobuf message class");
        }
        try {
            return PARSERS.get(c).parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new CodecException("protobuf codec: cannot decode " + c.getName() + ": "
                    + e.getMessage(), e);
        }
    }
}
