package io.dmicro.drpc.proto.websocket;

import io.dmicro.drpc.proto.ProtoException;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/** The 4-byte length the WebSocket transport puts before each message of a {@link MessageFramedProto}. */
final class MessageFrames {

    private MessageFrames() {
    }

    /** The next whole message, or null (consuming nothing) until it has arrived. */
    static byte @Nullable [] next(ByteBuf in, int maxMessageSize, String proto) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0 || size > maxMessageSize) {
            throw ProtoException.fatal(proto + " proto: a message of " + Integer.toUnsignedString(size)
                    + " bytes exceeds the limit of " + maxMessageSize + " bytes");
        }
        if (in.readableBytes() < 4 + size) {
            return null;
        }
        in.skipBytes(4);
        byte[] message = new byte[size];
        in.readBytes(message);
        return message;
    }

    static void write(ByteBuf out, byte[] message) {
        out.writeInt(message.length).writeBytes(message);
    }
}
