package io.dmicro.drpc.codec;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.xml.XmlMapper;

/**
 * The {@code 'x'} body codec, XML through Jackson's {@link XmlMapper}; only usable when
 * {@code jackson-dataformat-xml} is on the classpath.
 */
public final class XmlCodec implements Codec {

    /** The wire id. */
    public static final byte ID = 'x';

    private final XmlMapper mapper;

    /** Uses Jackson's XML defaults, with unknown properties always ignored. */
    public XmlCodec() {
        // Same tolerance as JsonCodec, so that both codecs accept the same evolving bodies.
        this(XmlMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }

    /** Uses the given mapper as it is configured. */
    public XmlCodec(XmlMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "xml";
    }

    @Override
    public String contentType() {
        return "text/xml";
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        if (value == null) {
            return new byte[0];
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new CodecException("xml codec: cannot encode "
                    + value.getClass().getName() + ": " + JsonCodec.reason(e), e);
        }
    }

    @Override
    public @Nullable Object decode(byte[] data, Type type) {
        try {
            return mapper.readValue(data, mapper.constructType(type));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CodecException("xml codec: cannot decode "
                    + type.getTypeName() + ": " + JsonCodec.reason(e), e);
        }
    }
}
