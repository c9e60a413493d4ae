package io.dmicro.drpc.codec;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The output a large body is encoded into: one array, sized from the last body of the same class,
 * so that encoding a body of the usual size allocates it once and returns it without a copy.
 * Jackson's own {@code writeValueAsBytes} grows a chain of segments and copies them into a fresh
 * array at the end; for a 1 MiB body those are three more passes over memory, each on newly
 * allocated (zeroed, page-faulted) humongous arrays.
 *
 * <p>{@link FastBase64Bytes} writes base64 text straight into it, bypassing the generator's buffer.
 */
final class LargeBodyOutput extends OutputStream {

    private byte[] buf;
    private int size;

    LargeBodyOutput(int expected) {
        buf = new byte[Math.max(expected, 256)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Room for {@code more} bytes: the array grows by half, so a body a little larger than the hint costs one copy. */
    private void ensure(int more) {
        int need = size + more;
        if (need < 0) {
            throw new OutOfMemoryError("a body over 2 GiB");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length + (buf.length >> 1)));
        }
    }

    int size() {
        return size;
    }

    /** The bytes written; the array itself when the hint was exact. */
    byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
}
