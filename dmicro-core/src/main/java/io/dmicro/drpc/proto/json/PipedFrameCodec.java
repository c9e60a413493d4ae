package io.dmicro.drpc.proto.json;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The frame the JSON and protobuf protos share (reference §10.2, §10.3); subclasses only turn
 * the payload into a message and back. All integers are big-endian.
 *
 * <pre>
 * +----------+----------+------------+------------------------------+
 * | size     | pipe_len | pipe_ids   | payload (filtered)           |
 * | uint32   | uint8    | pipe_len B | size - 1 - pipe_len bytes    |
 * | (excl. 4)|          |            |                              |
 * +----------+----------+------------+------------------------------+
 * </pre>
 *
 * Unlike the raw proto, {@code size} does not count its own four bytes; it is what the limit is
 * checked against, before any of the frame is awaited.
 */
public abstract class PipedFrameCodec implements ProtoCodec {

    private static final byte[] EMPTY = new byte[0];

    private final ProtoConfig config;
    private final String protoName;

    protected PipedFrameCodec(String protoName, ProtoConfig config) {
        this.protoName = protoName;
        this.config = config;
    }

    protected ProtoConfig config() {
        return config;
    }

    /** Turns an unfiltered payload into a message; throws {@link IllegalArgumentException} when it is malformed. */
    protected abstract Message decodePayload(byte[] payload);

    /** Turns a message (without its filter pipe) into a payload. */
    protected abstract byte[] encodePayload(Message message);

    /** The seq and type of a malformed payload, when it can still tell them; else null. */
    protected @Nullable Message peekHeader(byte[] payload) {
        return null;
    }

    @Override
    public final @Nullable Message decode(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        long size = in.getUnsignedInt(in.readerIndex());
        if (size > config.maxMessageSize()) {
            throw ProtoException.fatal(protoName + " proto: frame size " + size + " exceeds the limit of "
                    + config.maxMessageSize() + " bytes");
        }
        if (in.readableBytes() < 4 + size) {
            return null;
        }
        in.skipBytes(4);
        if (size == 0) {
            throw ProtoException.skipped(protoName + " proto: empty frame");
        }
        int end = in.readerIndex() + (int) size;
        int pipeLength = in.readUnsignedByte();
        if (in.readerIndex() + pipeLength > end) {
            in.readerIndex(end);
            throw ProtoException.skipped(protoName + " proto: transfer pipe of " + pipeLength + " ids runs past the end of the frame");
        }
        byte[] pipe = pipeLength == 0 ? EMPTY : new byte[pipeLength];
        in.readBytes(pipe);
        byte[] payload = new byte[end - in.readerIndex()];
        in.readBytes(payload);
        if (pipeLength > 0) {
            try {
                payload = config.filters().unpack(pipe, payload, config.maxMessageSize());
            } catch (RuntimeException e) {
                // the seq is inside the filtered bytes, so no call can be answered (as in the raw proto)
                throw ProtoException.fatal(protoName + " proto: transfer filter failed: " + e.getMessage());
            }
        }
        try {
            return decodePayload(payload).filterIds(pipe);
        } catch (RuntimeException e) {
            Message header = peekHeaderQuietly(payload);
            String reason = protoName + " proto: bad frame: " + e.getMessage();
            if (header == null || header.type() == MessageType.UNDEFINED) {
                throw ProtoException.skipped(reason);
            }
            throw ProtoException.skipped(reason, header.seq(), header.type(), header.serviceMethod());
        }
    }

    private @Nullable Message peekHeaderQuietly(byte[] payload) {
        try {
            return peekHeader(payload);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public final void encode(Message message, ByteBuf out) {
        byte[] pipe = message.filterIds();
        if (pipe.length > 255) {
            throw ProtoException.skipped(protoName + " proto: more than 255 transfer filters");
        }
        byte[] payload = encodePayload(message);
        if (pipe.length > 0) {
            payload = config.filters().pack(pipe, payload);
        }
        long size = 1L + pipe.length + payload.length;
        if (size > config.maxMessageSize()) {
            throw ProtoException.skipped(protoName + " proto: frame size " + size + " exceeds the limit of "
                    + config.maxMessageSize() + " bytes");
        }
        out.ensureWritable(4 + (int) size);
        out.writeInt((int) size);
        out.writeByte(pipe.length);
        out.writeBytes(pipe);
        out.writeBytes(payload);
    }
}
