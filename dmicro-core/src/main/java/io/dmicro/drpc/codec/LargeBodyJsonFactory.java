package io.dmicro.drpc.codec;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;

/**
 * Jackson's JSON factory, except that a large UTF-8 body in an array is read by a
 * {@link LargeBodyParser}. Anything else (small bodies, streams, a byte order mark or UTF-16/32
 * text, which Jackson's bootstrapper detects) gets Jackson's own parser. A copy stays this kind; a
 * factory rebuilt from this one's builder is Jackson's plain one.
 */
final class LargeBodyJsonFactory extends JsonFactory {

    private static final long serialVersionUID = 1;

    LargeBodyJsonFactory(JsonFactoryBuilder builder) {
        super(builder);
    }

    private LargeBodyJsonFactory(LargeBodyJsonFactory src) {
        super(src);
    }

    @Override
    public JsonFactory copy() {
        return new LargeBodyJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, byte[] data, int offset, int len)
            throws JacksonException {
        if (len < JsonCodec.LARGE_BODY || !plainUtf8(data, offset)
                || !Feature.CANONICALIZE_PROPERTY_NAMES.enabledIn(_factoryFeatures)) {
            return super._createParser(readCtxt, ioCtxt, data, offset, len);
        }
        _checkRangeBoundsForByteArray(data, offset, len);
        _streamReadConstraints.validateDocumentLength(len);
        return new LargeBodyParser(readCtxt, ioCtxt,
                readCtxt.getStreamReadFeatures(_streamReadFeatures),
                readCtxt.getFormatReadFeatures(_formatReadFeatures),
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                data, offset, offset + len);
    }

    /** No byte order mark and no zero byte in the first two: what Jackson's bootstrapper reads as UTF-8 without skipping. */
    private static boolean plainUtf8(byte[] data, int offset) {
        int first = data[offset] & 0xFF;
        return first != 0 && first != 0xEF && first < 0xFE && data[offset + 1] != 0;
    }
}
