package io.dmicro.drpc.proto.raw;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.status.StatusEncoding;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes raw-proto frames. All integers are big-endian.
 *
 * <pre>
 * +------------+---------+----------+------------+---------- filtered (transfer pipe) -----------------+
 * | total_size | version | pipe_len | pipe_ids   | seq_len seq mtype sm_len sm st_len status           |
 * | uint32     | uint8=1 | uint8    | pipe_len B | uint8 base36 uint8 uint8 ... uint16 ...             |
 * | (incl. 4)  | (drpc)  |          |            | meta_len meta body_codec body                       |
 * |            |         |          |            | uint16   ...  uint8      rest of frame              |
 * +------------+---------+----------+------------+-----------------------------------------------------+
 * </pre>
 *
 * The {@link RawDialect#DRPC drpc} dialect writes the version byte and JSON status and meta; the
 * {@link RawDialect#ERPC erpc} dialect has no version byte and URL-query status and meta. The seq
 * is lower-case base-36 ASCII and may be negative. The declared size is checked against the limit
 * before any of the frame is awaited, so an oversized frame never costs memory.
 */
final class RawProtoCodec implements ProtoCodec {

    private static final byte VERSION = 1;
    private static final byte[] OK_STATUS_JSON = StatusEncoding.toJson(Status.OK).getBytes(StandardCharsets.UTF_8);
    private static final byte[] OK_STATUS_QUERY = "code=0".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY_META_JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = new byte[0];

    private final boolean drpc;
    private final ProtoConfig config;
    private final int prefixLength;
    /** Encoded route names, made for the first message sent (an idle session sends none); encode runs on one thread per connection. */
    private java.util.@Nullable HashMap<String, byte[]> methodCache;
    /** Room for any int32 in base 36 with its sign ("-zik0zk"); encode runs on one thread per connection. */
    private final byte[] seqScratch = new byte[7];
    private static final int METHOD_SLOTS = 32;
    private static final int HEAD_SCRATCH_BYTES = 256;
    /** Recently decoded route names by hash slot; decode runs on one thread per connection. */
    private byte @Nullable [] @Nullable [] decodedMethodBytes;
    private String @Nullable [] decodedMethods;
    /**
     * Frame prefix and header up to the body, for headers that fit (small meta and status, as
     * usual). This and the route cache are made on first use: an idle session pays for neither.
     */
    private byte @Nullable [] headScratch;
    private static final int META_SCRATCH_BYTES = 128;
    /** Meta bytes being decoded (decode runs on one thread per connection); made on first use. */
    private byte @Nullable [] metaScratch;
    /** How much of a frame is copied at once to read its prefix and header from an array: more than a usual header. */
    static final int WINDOW_BYTES = 256;
    /** The frame start being decoded ({@link #decodeWindowed}); made on first use. */
    private byte @Nullable [] window;
    /** Off in tests only, to hold the windowed reading to the buffer reading on the same frames. */
    private final boolean windowed;

    RawProtoCodec(RawDialect dialect, ProtoConfig config) {
        this(dialect, config, true);
    }

    RawProtoCodec(RawDialect dialect, ProtoConfig config, boolean windowed) {
        this.windowed = windowed;
        this.drpc = dialect == RawDialect.DRPC;
        this.config = config;
        this.prefixLength = drpc ? 6 : 5;
    }

    @Override
    public @Nullable Message decode(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int start = in.readerIndex();
        long size = in.getUnsignedInt(start);
        if (size > config.maxMessageSize()) {
            throw ProtoException.fatal("frame size " + size + " exceeds the limit of " + config.maxMessageSize() + " bytes",
                    MisdirectedTraffic.hint(in, start));
        }
        if (size < prefixLength) {
            throw ProtoException.fatal("frame size " + size + " is smaller than the " + prefixLength + "-byte frame prefix");
        }
        if (in.readableBytes() < size) {
            return null;
        }
        int frameEnd = start + (int) size;
        if (windowed) {
            Message usual = decodeWindowed(in, start, frameEnd);
            if (usual != null) {
                return usual;
            }
        }
        in.skipBytes(drpc ? 5 : 4); // the version byte is written and ignored on read, as drpc does
        int pipeLength = in.readUnsignedByte();
        if (in.readerIndex() + pipeLength > frameEnd) {
            in.readerIndex(frameEnd);
            throw ProtoException.skipped("transfer pipe of " + pipeLength + " ids runs past the end of the frame");
        }
        byte[] pipe = pipeLength == 0 ? EMPTY : new byte[pipeLength];
        in.readBytes(pipe);
        byte[] inner;
        if (pipeLength == 0) {
            return decodeHeaderAndBody(in, frameEnd, pipe);
        }
        inner = new byte[frameEnd - in.readerIndex()];
        in.readBytes(inner);
        try {
            inner = config.filters().unpack(pipe, inner, config.maxMessageSize());
        } catch (RuntimeException e) {
            // the seq is inside the filtered bytes, so no single call can be answered: a peer that
            // sends a corrupt or over-limit (bomb) payload loses the connection, and learns it at once
            throw ProtoException.fatal("transfer filter failed: " + e.getMessage());
        }
        ByteBuf unpacked = io.netty.buffer.Unpooled.wrappedBuffer(inner);
        return decodeHeaderAndBody(unpacked, unpacked.writerIndex(), pipe);
    }

    /**
     * Reads the usual frame (no transfer filter; status OK; meta empty or flat ASCII JSON; all of it
     * up to the body within {@link #WINDOW_BYTES}) from one copy of its start into an array. On a
     * direct buffer each single-byte read is a bounds-checked {@code ByteBuffer} access (Netty
     * goes without {@code Unsafe} from Java 25 on), and a header takes dozens of them. Any other
     * frame, well-formed or not, gets null with nothing read: the buffer reading takes it and
     * reports its faults.
     */
    private @Nullable Message decodeWindowed(ByteBuf in, int start, int frameEnd) {
        int length = Math.min(frameEnd - start, WINDOW_BYTES);
        byte[] w = window;
        if (w == null) {
            w = window = new byte[WINDOW_BYTES];
        }
        in.getBytes(start, w, 0, length);
        int at = prefixLength - 1;
        if (w[at++] != 0 || at >= length) {
            return null; // filtered: the seq is inside the packed bytes
        }
        int seqLength = w[at++] & 0xff;
        if (seqLength == 0 || seqLength > 8 || at + seqLength + 2 > length) {
            return null;
        }
        long seq = parseSeq(w, at, seqLength);
        if (seq == NOT_A_SEQ) {
            return null;
        }
        at += seqLength;
        MessageType type = MessageType.fromCode(w[at++] & 0xff);
        int methodLength = w[at++] & 0xff;
        if (at + methodLength + 2 > length) {
            return null;
        }
        String method = serviceMethod(w, at, methodLength);
        at += methodLength;
        int statusLength = (w[at] & 0xff) << 8 | w[at + 1] & 0xff;
        at += 2;
        byte[] ok = drpc ? OK_STATUS_JSON : OK_STATUS_QUERY;
        if (at + statusLength + 2 > length || !java.util.Arrays.equals(w, at, at + statusLength, ok, 0, ok.length)) {
            return null;
        }
        at += statusLength;
        int metaLength = (w[at] & 0xff) << 8 | w[at + 1] & 0xff;
        at += 2;
        if (at + metaLength + 1 > length) {
            return null;
        }
        Message message = new Message().filterIds(EMPTY);
        if (metaLength != 0 && !java.util.Arrays.equals(w, at, at + metaLength, EMPTY_META_JSON, 0, EMPTY_META_JSON.length)
                && !(drpc && MetaEncoding.readFlatAscii(w, at, metaLength, message.meta()))) {
            return null;
        }
        at += metaLength;
        byte bodyCodec = w[at++];
        int bodyLength = frameEnd - start - at;
        byte[] body = new byte[bodyLength];
        int inWindow = Math.min(length - at, bodyLength);
        System.arraycopy(w, at, body, 0, inWindow);
        if (inWindow < bodyLength) {
            in.getBytes(start + length, body, inWindow, bodyLength - inWindow);
        }
        in.readerIndex(frameEnd);
        return message.seq((int) seq).type(type).serviceMethod(method).bodyCodec(bodyCodec).body(body);
    }

    /** {@link #parseSeq(byte[], int, int)}'s answer for digits that are not an int32 in base 36. */
    private static final long NOT_A_SEQ = Long.MIN_VALUE;

    /** The base-36 seq of {@code length} (1 to 8) bytes at {@code at}, or {@link #NOT_A_SEQ}. */
    private static long parseSeq(byte[] w, int at, int length) {
        boolean negative = w[at] == '-';
        if (negative && length == 1) {
            return NOT_A_SEQ;
        }
        long value = 0;
        for (int i = negative ? 1 : 0; i < length; i++) {
            int digit = base36Digit(w[at + i]);
            if (digit < 0) {
                return NOT_A_SEQ;
            }
            value = value * 36 + digit;
        }
        value = negative ? -value : value;
        return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? NOT_A_SEQ : value;
    }

    /** A base-36 digit's value by its byte, -1 for any other byte; a seq mixes digits and letters, and branches on them mispredict. */
    private static final byte[] BASE36_DIGITS = new byte[256];

    static {
        java.util.Arrays.fill(BASE36_DIGITS, (byte) -1);
        for (int d = 0; d < 36; d++) {
            char c = Character.forDigit(d, 36);
            BASE36_DIGITS[c] = (byte) d;
            BASE36_DIGITS[Character.toUpperCase(c)] = (byte) d;
        }
    }

    private static int base36Digit(int c) {
        return BASE36_DIGITS[c & 0xff];
    }

    /**
     * Route names repeat: one connection sees few of them, so the last decoded String per hash slot
     * is reused when the bytes match, sparing a String (and, later, its hash) per message.
     */
    private String serviceMethod(byte[] w, int at, int length) {
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + w[at + i];
        }
        int slot = (hash ^ (hash >>> 16)) & (METHOD_SLOTS - 1);
        byte[][] keys = decodedMethodBytes;
        String[] methods = decodedMethods;
        if (keys == null || methods == null) {
            keys = decodedMethodBytes = new byte[METHOD_SLOTS][];
            methods = decodedMethods = new String[METHOD_SLOTS];
        }
        byte[] key = keys[slot];
        if (key != null && java.util.Arrays.equals(key, 0, key.length, w, at, at + length)) {
            return methods[slot];
        }
        byte[] bytes = java.util.Arrays.copyOfRange(w, at, at + length);
        String method = new String(bytes, StandardCharsets.UTF_8);
        keys[slot] = bytes;
        methods[slot] = method;
        return method;
    }

    /** Parses the filtered part; always leaves {@code in} at {@code end}, even when it throws. */
    private Message decodeHeaderAndBody(ByteBuf in, int end, byte[] pipe) {
        Message message = new Message().filterIds(pipe);
        MessageType type = null;
        try {
            int seqLength = readByte(in, end, "seq length");
            require(in, end, seqLength, "seq");
            message.seq(parseSeq(in, seqLength));
            type = MessageType.fromCode(readByte(in, end, "message type"));
            message.type(type);
            int methodLength = readByte(in, end, "service method length");
            message.serviceMethod(readServiceMethod(in, end, methodLength));
            int statusLength = readShort(in, end, "status length");
            if (matches(in, end, statusLength, drpc ? OK_STATUS_JSON : OK_STATUS_QUERY)) {
                in.skipBytes(statusLength); // the common case needs no parsing
            } else {
                String status = readString(in, end, statusLength, "status");
                message.status(drpc ? StatusEncoding.fromJson(status) : StatusEncoding.fromQuery(status));
            }
            int metaLength = readShort(in, end, "meta length");
            if (metaLength == 0 || matches(in, end, metaLength, EMPTY_META_JSON)) {
                in.skipBytes(metaLength);
            } else if (drpc && flatMeta(in, end, metaLength, message)) {
                in.skipBytes(metaLength);
            } else {
                String meta = readString(in, end, metaLength, "meta");
                if (drpc) {
                    MetaEncoding.fromJson(meta, message.meta());
                } else {
                    MetaEncoding.fromQuery(meta, message.meta());
                }
            }
            message.bodyCodec((byte) readByte(in, end, "body codec"));
            byte[] body = new byte[end - in.readerIndex()];
            in.readBytes(body);
            message.body(body);
            return message;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            in.readerIndex(end);
            if (type == null) {
                throw ProtoException.skipped("raw proto: bad frame: " + e.getMessage());
            }
            throw ProtoException.skipped("raw proto: bad frame: " + e.getMessage(), message.seq(), type, message.serviceMethod());
        }
    }

    /**
     * Reads meta as Go and this side write it (short flat ASCII JSON, such as a call's deadline)
     * from one copy of its bytes, without a string of the whole text to parse; false for anything
     * else, with nothing read.
     */
    private boolean flatMeta(ByteBuf in, int end, int length, Message message) {
        if (length > META_SCRATCH_BYTES || end - in.readerIndex() < length) {
            return false;
        }
        byte[] scratch = metaScratch;
        if (scratch == null) {
            scratch = metaScratch = new byte[META_SCRATCH_BYTES];
        }
        in.getBytes(in.readerIndex(), scratch, 0, length);
        return MetaEncoding.readFlatAscii(scratch, 0, length, message.meta());
    }

    private static boolean matches(ByteBuf in, int end, int length, byte[] expected) {
        if (length != expected.length || end - in.readerIndex() < length) {
            return false;
        }
        int at = in.readerIndex();
        for (int i = 0; i < length; i++) {
            if (in.getByte(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readByte(ByteBuf in, int end, String what) {
        require(in, end, 1, what);
        return in.readUnsignedByte();
    }

    private static int readShort(ByteBuf in, int end, String what) {
        require(in, end, 2, what);
        return in.readUnsignedShort();
    }

    /** The route name of a frame read from the buffer, through the same cache as the window's ({@link #serviceMethod}). */
    private String readServiceMethod(ByteBuf in, int end, int length) {
        require(in, end, length, "service method");
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return serviceMethod(bytes, 0, length);
    }

    private static String readString(ByteBuf in, int end, int length, String what) {
        require(in, end, length, what);
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    private static void require(ByteBuf in, int end, int length, String what) {
        if (end - in.readerIndex() < length) {
            throw new IllegalArgumentException("truncated " + what);
        }
    }

    /** Reads the base-36 ASCII seq ({@link #parseSeq(byte[], int, int)}), saying what is wrong with a bad one. */
    private static int parseSeq(ByteBuf in, int length) {
        if (length == 0 || length > 8) {
            throw new IllegalArgumentException("seq of " + length + " characters is not an int32 in base 36");
        }
        byte[] digits = new byte[length];
        in.readBytes(digits);
        long value = parseSeq(digits, 0, length);
        if (value == NOT_A_SEQ) {
            String text = new String(digits, StandardCharsets.US_ASCII);
            for (int i = digits[0] == '-' ? 1 : 0; i < length; i++) {
                if (base36Digit(digits[i]) < 0) {
                    throw new IllegalArgumentException("seq is not base-36: " + text);
                }
            }
            throw new IllegalArgumentException("seq out of int32 range: " + text);
        }
        return (int) value;
    }

    @Override
    public void encode(Message message, ByteBuf out) {
        byte[] method = methodBytes(message.serviceMethod());
        if (method.length > 255) {
            throw ProtoException.skipped("raw proto: not support service method longer than 255");
        }
        byte[] status = statusBytes(message.status());
        byte[] meta = metaBytes(message);
        if (status.length > 0xffff || meta.length > 0xffff) {
            throw ProtoException.skipped("raw proto: status or meta longer than 65535 bytes");
        }
        int seqStart = base36(message.seq());
        int seqLength = seqScratch.length - seqStart;
        byte[] pipe = message.filterIds();
        if (pipe.length > 255) {
            throw ProtoException.skipped("raw proto: more than 255 transfer filters");
        }
        byte[] body = message.body();
        int headerLength = 1 + seqLength + 1 + 1 + method.length + 2 + status.length + 2 + meta.length + 1;
        int innerLength = headerLength + body.length;
        if (pipe.length == 0) {
            writeUnfiltered(out, seqStart, message, method, status, meta, body, innerLength);
            return;
        }
        if (prefixLength + pipe.length + innerLength > config.maxMessageSize()) {
            // the peer unpacks with the same kind of limit: refuse here what it would refuse there
            throw ProtoException.skipped("unfiltered frame size " + (prefixLength + pipe.length + innerLength)
                    + " exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        byte[] plain = new byte[innerLength];
        int at = writeHeader(plain, 0, seqStart, message, method, status, meta);
        System.arraycopy(body, 0, plain, at, body.length);
        byte[] packed = config.filters().pack(pipe, plain);
        int size = prefixLength + pipe.length + packed.length;
        if (size > config.maxMessageSize()) {
            throw ProtoException.skipped("frame size " + size + " exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        out.writeInt(size);
        if (drpc) {
            out.writeByte(VERSION);
        }
        out.writeByte(pipe.length);
        out.writeBytes(pipe);
        out.writeBytes(packed);
    }

    /** Route names repeat: their bytes are kept per connection (bounded) instead of encoded per message. */
    private byte[] methodBytes(String method) {
        if (method.isEmpty()) {
            return EMPTY; // every reply
        }
        java.util.HashMap<String, byte[]> cache = methodCache;
        if (cache == null) {
            cache = new java.util.HashMap<>();
            methodCache = cache;
        }
        byte[] bytes = cache.get(method);
        if (bytes == null) {
            bytes = method.getBytes(StandardCharsets.UTF_8);
            if (cache.size() < 256) {
                cache.put(method, bytes);
            }
        }
        return bytes;
    }

    /**
     * Writes the seq's lower-case base-36 digits (with a leading '-' when negative, as Go's
     * FormatInt does) right-aligned into the connection's scratch array; returns where they start.
     */
    private int base36(int value) {
        byte[] digits = seqScratch;
        int at = digits.length;
        // int arithmetic (a long division per digit cost more than the rest of the header), counted
        // on the negative side, where Integer.MIN_VALUE fits
        int v = value < 0 ? value : -value;
        do {
            digits[--at] = BASE36[-(v % 36)];
            v /= 36;
        } while (v != 0);
        if (value < 0) {
            digits[--at] = '-';
        }
        return at;
    }

    private static final byte[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    /**
     * The common frame, with no transfer filter: everything up to the body is laid out in a scratch
     * array with plain stores, then the buffer takes two bulk writes instead of a dozen small ones
     * (each a bounds check and, on a direct buffer, a native copy).
     */
    private void writeUnfiltered(ByteBuf out, int seqStart, Message message, byte[] method, byte[] status, byte[] meta,
            byte[] body, int innerLength) {
        int size = prefixLength + innerLength;
        if (size > config.maxMessageSize()) {
            throw ProtoException.skipped("frame size " + size + " exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        int headLength = size - body.length;
        byte[] scratch = headScratch;
        if (scratch == null) {
            scratch = new byte[HEAD_SCRATCH_BYTES];
            headScratch = scratch;
        }
        byte[] head = headLength <= scratch.length ? scratch : new byte[headLength];
        int at = 0;
        head[at++] = (byte) (size >>> 24);
        head[at++] = (byte) (size >>> 16);
        head[at++] = (byte) (size >>> 8);
        head[at++] = (byte) size;
        if (drpc) {
            head[at++] = VERSION;
        }
        head[at++] = 0; // no transfer filters
        at = writeHeader(head, at, seqStart, message, method, status, meta);
        out.ensureWritable(size);
        out.writeBytes(head, 0, at);
        out.writeBytes(body);
    }

    /** Lays out the filtered part's header (everything before the body) at {@code at}; returns where the body goes. */
    private int writeHeader(byte[] head, int at, int seqStart, Message message, byte[] method, byte[] status, byte[] meta) {
        int seqLength = seqScratch.length - seqStart;
        head[at++] = (byte) seqLength;
        System.arraycopy(seqScratch, seqStart, head, at, seqLength);
        at += seqLength;
        head[at++] = message.type().code();
        head[at++] = (byte) method.length;
        System.arraycopy(method, 0, head, at, method.length);
        at += method.length;
        head[at++] = (byte) (status.length >>> 8);
        head[at++] = (byte) status.length;
        System.arraycopy(status, 0, head, at, status.length);
        at += status.length;
        head[at++] = (byte) (meta.length >>> 8);
        head[at++] = (byte) meta.length;
        System.arraycopy(meta, 0, head, at, meta.length);
        at += meta.length;
        head[at++] = message.bodyCodec();
        return at;
    }

    private byte[] statusBytes(Status status) {
        if (status.isOk()) {
            return drpc ? OK_STATUS_JSON : OK_STATUS_QUERY;
        }
        String text = drpc ? StatusEncoding.toJson(status) : StatusEncoding.toQuery(status);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] metaBytes(Message message) {
        if (message.meta().isEmpty()) {
            return drpc ? EMPTY_META_JSON : EMPTY;
        }
        return drpc ? MetaEncoding.toJsonBytes(message.meta()) : MetaEncoding.toQuery(message.meta()).getBytes(StandardCharsets.UTF_8);
    }
}
