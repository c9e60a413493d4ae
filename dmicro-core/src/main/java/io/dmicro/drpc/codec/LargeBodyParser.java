package io.dmicro.drpc.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.json.UTF8StreamJsonParser;
import tools.jackson.core.sym.ByteQuadsCanonicalizer;

/**
 * Jackson's UTF-8 parser over a whole body in one array, reading a base64 string as binary straight
 * from the body. Profiled on a 1 MiB record echo, Jackson copied the text into its char buffers
 * (zeroed, page-faulted, merged) and back into bytes, or, reading it as binary, decoded a character
 * at a time; skipping the string byte by byte afterwards was a third of what was left.
 *
 * <p>Here an unread string of plain padded base64 in the default variant is found with an
 * eight-bytes-a-step scan for its closing quote, decoded in blocks ({@link Base64Blocks}), and the
 * parser moves past it. Anything else (an escape before the quote, a line feed, any byte off the
 * alphabet, misplaced padding, another variant, a body ending inside the string) goes to Jackson,
 * which accepts or reports it as always: what is accepted and what fails is unchanged.
 */
final class LargeBodyParser extends UTF8StreamJsonParser {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    LargeBodyParser(ObjectReadContext readCtxt, IOContext ioCtxt, int streamReadFeatures, int formatReadFeatures,
            ByteQuadsCanonicalizer symbols, byte[] body, int start, int end) {
        super(readCtxt, ioCtxt, streamReadFeatures, formatReadFeatures, null, symbols, body, start, end, 0, false);
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws JacksonException {
        if (_currToken == JsonToken.VALUE_STRING && _tokenIncomplete && variant == Base64Variants.MIME_NO_LINEFEEDS) {
            int end = quote(_inputBuffer, _inputPtr, _inputEnd);
            // Decoding refuses a backslash, so a string with an escape before the quote found goes to Jackson.
            byte[] data = end < 0 ? null : Base64Blocks.decode(_inputBuffer, _inputPtr, end);
            if (data != null) {
                _inputPtr = end + 1;
                _tokenIncomplete = false;
                _binaryValue = data;
                return data;
            }
        }
        return super.getBinaryValue(variant);
    }

    /** The index of the first {@code '"'} in {@code b[from, to)}, eight bytes at a step; -1 if none. */
    static int quote(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long v = (long) LONGS.get(b, i) ^ 0x2222222222222222L;
            long zero = (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }
}
