package io.dmicro.drpc.codec;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code 's'} body codec: strings, raw bytes and scalars as their UTF-8 text, like the
 * original's strconv-based plain codec.
 */
public final class PlainCodec implements Codec {

    /** The wire id. */
    public static final byte ID = 's';

    private static final String SUPPORTED = "String, CharSequence, byte[], Integer, Long, Short, "
            + "Byte, Double, Float, Boolean, Character, BigDecimal, BigInteger";

    private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.ofEntries(
            Map.entry(String.class, s -> s),
            Map.entry(CharSequence.class, s -> s),
            Map.entry(Object.class, s -> s),
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(int.class, Integer::valueOf),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(long.class, Long::valueOf),
            Map.entry(Short.class, Short::valueOf),
            Map.entry(short.class, Short::valueOf),
            Map.entry(Byte.class, Byte::valueOf),
            Map.entry(byte.class, Byte::valueOf),
            Map.entry(Double.class, Double::valueOf),
            Map.entry(double.class, Double::valueOf),
            Map.entry(Float.class, Float::valueOf),
            Map.entry(float.class, Float::valueOf),
            Map.entry(Boolean.class, PlainCodec::parseBoolean),
            Map.entry(boolean.class, PlainCodec::parseBoolean),
            Map.entry(Character.class, PlainCodec::parseChar),
            Map.entry(char.class, PlainCodec::parseChar),
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(BigInteger.class, BigInteger::new));

    private static final Set<Class<?>> SCALARS = Set.of(Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class,
            BigDecimal.class, BigInteger.class);

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public String contentType() {
        return "text/plain";
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof CharSequence || SCALARS.contains(value.getClass())) {
            return value.toString().getBytes(StandardCharsets.UTF_8);
        }
        throw new CodecException("plain codec: cannot encode " + value.getClass().getName()
                + "; supported: " + SUPPORTED);
    }

    /** Strings, bytes and scalars; a record, a collection, a map or another array cannot be. */
    @Override
    public boolean canEncode(Type type) {
        Class<?> c = RawTypes.rawClass(type);
        if (c == null || c == byte[].class) {
            return true;
        }
        return !(c.isRecord() || c.isArray() || java.util.Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c));
    }

    @Override
    public @Nullable Object decode(byte[] data, Type type) {
        if (type == byte[].class) {
            return data.clone();
        }
        Function<String, Object> parser = type instanceof Class<?> c ? PARSERS.get(c) : null;
        if (parser == null) {
            throw new CodecException("plain codec: cannot decode into " + type.getTypeName()
                    + "; supported: " + SUPPORTED);
        }
        String text = utf8(data);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new CodecException("plain codec: cannot parse " + quote(text) + " as "
                    + type.getTypeName(), e);
        }
    }

    // A lenient decoder would silently turn a binary body into replacement characters.
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("plain codec: body is not valid UTF-8", e);
        }
    }

    // Accepts what Go's strconv.ParseBool accepts, so a Go peer's "1" or "T" still parses.
    private static Boolean parseBoolean(String s) {
        return switch (s) {
            case "1", "t", "T", "true", "TRUE", "True" -> Boolean.TRUE;
            case "0", "f", "F", "false", "FALSE", "False" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Character parseChar(String s) {
        if (s.length() != 1) {
            throw new IllegalArgumentException("not a single character");
        }
        return s.charAt(0);
    }

    private static String quote(String text) {
        return text.length() <= 64 ? '"' + text + '"' : '"' + text.substring(0, 64) + "...\"";
    }
}
