package io.dmicro.drpc.codec;

import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code 'j'} body codec, JSON through Jackson; the default codec of every endpoint.
 *
 * <p>The default mapper never enables default typing: a body names no Java class, so a peer
 * cannot make this side instantiate arbitrary types.
 *
 * <p>Per Jackson's performance advice, the codec keeps one {@link ObjectReader} per target type and
 * one {@link ObjectWriter} per value class (each holds its root (de)serializer already resolved), so
 * a call does not look the type and its root (de)serializer up again. They are immutable and
 * thread-safe; the mapper's configuration is fixed when the codec is built. The default mapper
 * also calls records' (and other property-based) constructors without adapting a method handle
 * per call ({@link SpreadingCreators}), and keeps Jackson's buffers per platform thread
 * ({@link PerThreadRecyclers}), and codes {@code byte[]} as base64 with the JDK's coder
 * ({@link FastBase64Bytes}). Bodies of 64 KiB and more are written into one array sized from the
 * last large body of their class and read by a parser that decodes their base64 text from the body
 * itself ({@link LargeBodyJsonFactory}).
 */
public final class JsonCodec implements Codec {

    /** The wire id. */
    public static final byte ID = 'j';

    /** Above this many distinct target types, further types are read without a cached reader. */
    private static final int MAX_CACHED_READERS = 4096;

    /** From this size on, a body is written and read the large body's way ({@link LargeBodyOutput}, {@link LargeBodyParser}). */
    static final int LARGE_BODY = 64 * 1024;

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return mapper.writerFor(type);
        }
    };
    /** The size of the last large body of each class; zero until one was large. Races only lose a hint. */
    private final ClassValue<int[]> lastLargeSize = new ClassValue<>() {
        @Override
        protected int[] computeValue(Class<?> type) {
            return new int[1];
        }
    };

    /** Uses Jackson's defaults, with unknown properties always ignored. */
    public JsonCodec() {
        // Go's encoding/json ignores unknown fields, so a newer peer may add fields freely.
        this(JsonMapper.builder(new LargeBodyJsonFactory(JsonFactory.builder().recyclerPool(new PerThreadRecyclers())))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 1.5 for an int is an error, not 1
                .addModule(new SpreadingCreators())
                .addModule(new FastBase64Bytes())
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
        Class<?> type = value.getClass();
        try {
            int[] last = lastLargeSize.get(type);
            if (last[0] == 0) {
                byte[] small = writers.get(type).writeValueAsBytes(value);
                if (small.length >= LARGE_BODY) {
                    last[0] = small.length;
                }
                return small;
            }
            LargeBodyOutput out = new LargeBodyOutput(last[0]);
            writers.get(type).writeValue(out, value);
            // Bodies of a class that shrank below the mark go back to Jackson's recycled buffers.
            last[0] = out.size() >= LARGE_BODY ? out.size() : 0;
            return out.toByteArray();
        } catch (JacksonException e) {
            throw new CodecException("json codec: cannot encode "
                    + value.getClass().getName() + ": " + reason(e), e);
        }
    }

    @Override
    public @Nullable Object decode(byte[] data, Type type) {
        try {
            return reader(type).readValue(data);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CodecException("json codec: cannot decode "
                    + type.getTypeName() + ": " + reason(e), e);
        }
    }

    private ObjectReader reader(Type type) {
        ObjectReader r = readers.get(type);
        if (r == null) {
            r = mapper.readerFor(mapper.constructType(type));
            if (readers.size() < MAX_CACHED_READERS) {
                readers.putIfAbsent(type, r);
            }
        }
        return r;
    }

    // Jackson's full message quotes the body; the original message alone is enough to report.
    static String reason(RuntimeException e) {
        return String.valueOf(e instanceof JacksonException jackson
                ? jackson.getOriginalMessage() : e.getMessage());
    }
}
