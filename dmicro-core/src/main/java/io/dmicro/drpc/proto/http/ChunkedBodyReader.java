package io.dmicro.drpc.proto.http;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a chunked body (RFC 9112 §7.1) as its bytes arrive, without consuming any, so the codec
 * can hand over the whole message at once: it remembers how far it has parsed and what it has
 * decoded, and so reads each byte once however the body is split.
 *
 * <pre>
 *   1a;name=value CRLF            a chunk: size in hex, extensions (ignored)
 *   &lt;0x1a bytes of data&gt; CRLF
 *   0 CRLF                          the last chunk
 *   Trailer-Field: value CRLF       trailer fields (dropped: meta comes from the head)
 *   CRLF                            the end of the message
 * </pre>
 *
 * The message on the wire, head and chunk framing included, must fit in the frame limit; a chunk
 * that would pass it fails as soon as its size line is read.
 */
final class ChunkedBodyReader {

    private static final int MAX_LINE = 4096;

    private enum Phase { SIZE, DATA, TRAILER }

    private final int maxMessageSize;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** Where parsing goes on, counted from the start of the message (the reader index). */
    private int offset;
    private Phase phase = Phase.SIZE;
    private int remaining;

    /** @param bodyStart the length of the head, where the first chunk begins */
    ChunkedBodyReader(int bodyStart, int maxMessageSize) {
        this.offset = bodyStart;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Parses what has arrived; returns the length of the whole message once its end is in, or -1
     * while more is needed.
     *
     * @throws HttpFailure 400 for malformed framing, 413 over the frame limit
     */
    int read(ByteBuf in) {
        int base = in.readerIndex();
        int end = in.writerIndex();
        while (true) {
            int pos = base + offset;
            if (phase == Phase.DATA) {
                if (end - pos < remaining + 2) {
                    return -1;
                }
                byte[] data = new byte[remaining];
                in.getBytes(pos, data);
                body.writeBytes(data);
                if (in.getByte(pos + remaining) != '\r' || in.getByte(pos + remaining + 1) != '\n') {
                    throw new HttpFailure(400, "chunk data is not followed by CRLF", true);
                }
                offset += remaining + 2;
                phase = Phase.SIZE;
                continue;
            }
            int eol = in.indexOf(pos, end, (byte) '\n');
            if (eol < 0) {
                if (end - pos > MAX_LINE) {
                    throw new HttpFailure(400, "chunk size or trailer line longer than " + MAX_LINE + " bytes", true);
                }
                return -1;
            }
            String line = in.toString(pos, eol - pos, StandardCharsets.ISO_8859_1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            offset = eol + 1 - base;
            if (phase == Phase.TRAILER) {
                if (line.isEmpty()) {
                    return offset;
                }
            } else {
                long size = size(line);
                if (offset + size + 2 > maxMessageSize) {
                    throw new HttpFailure(413, "chunked message passes the limit of " + maxMessageSize + " bytes", true);
                }
                remaining = (int) size;
                phase = size == 0 ? Phase.TRAILER : Phase.DATA;
            }
            if (offset > maxMessageSize) {
                throw new HttpFailure(413, "chunked message passes the limit of " + maxMessageSize + " bytes", true);
            }
        }
    }

    /** The decoded body, once {@link #read} returned the message length. */
    byte[] body() {
        return body.toByteArray();
    }

    private static long size(String line) {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new HttpFailure(400, "malformed chunk size line: " + (line.length() > 32 ? line.substring(0, 32) + "…" : line), true);
        }
        return Long.parseLong(hex, 16);
    }
}
