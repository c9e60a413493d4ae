package io.dmicro.drpc.filter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code 'z'} transfer filter: gzip compression, with decompression that stops at the size
 * limit so that a small compressed bomb cannot exhaust memory.
 */
public final class GzipFilter implements TransferFilter {

    /** The wire id. */
    public static final byte ID = 'z';

    private static final int CHUNK = 8192;

    private final int level;

    /** Uses {@link Deflater#DEFAULT_COMPRESSION}. */
    public GzipFilter() {
        this(Deflater.DEFAULT_COMPRESSION);
    }

    /** Uses a deflate level from -1 (the default) to 9 (smallest output). */
    public GzipFilter(int level) {
        if (level < Deflater.DEFAULT_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("gzip level must be between -1 and 9: " + level);
        }
        this.level = level;
    }

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public byte[] onPack(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (GZIPOutputStream gzip = new LevelledGzipOutputStream(out, level)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream never fails
        }
        return out.toByteArray();
    }

    @Override
    public byte[] onUnpack(byte[] data, int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must not be negative: " + maxSize);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), CHUNK)) {
            return readAtMost(in, maxSize);
        } catch (IOException e) {
            throw new FilterException("gzip: corrupt or truncated data: " + e.getMessage(), e);
        }
    }

    // Grows the buffer only as output arrives and never past maxSize, then probes for one more
    // byte: reading it proves the data would exceed the limit without inflating the rest.
    private static byte[] readAtMost(InputStream in, int maxSize) throws IOException {
        byte[] buf = new byte[Math.min(maxSize, CHUNK)];
        int size = 0;
        while (true) {
            if (size == buf.length) {
                if (size == maxSize) {
                    if (in.read() != -1) {
                        throw new FilterException("gzip: unpacked data exceeds limit of "
                                + maxSize + " bytes");
                    }
                    return buf;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(maxSize, 2L * buf.length));
            }
            int n = in.read(buf, size, buf.length - size);
            if (n < 0) {
                return size == buf.length ? buf : Arrays.copyOf(buf, size);
            }
            size += n;
        }
    }

    /** Exposes the protected deflater so that the level can be set before any output. */
    private static final class LevelledGzipOutputStream extends GZIPOutputStream {
        LevelledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
            super(out);
            def.setLevel(level);
        }
    }
}
