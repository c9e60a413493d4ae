package io.dmicro.drpc.proto;

import io.dmicro.drpc.message.Message;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Frames messages for one connection. Called only from that connection's event loop.
 *
 * <p>Byte-buffer discipline: {@link #decode} reads from {@code in} but never retains or releases
 * it; {@link #encode} writes into {@code out} and never releases it. The caller owns both.
 */
public interface ProtoCodec {

    /**
     * Decodes the next message, or returns null and consumes nothing when {@code in} does not yet
     * hold a whole frame. A codec must check a frame's declared size against the limit before it
     * waits for the frame's bytes.
     *
     * @throws ProtoException for malformed or oversized input; its {@link ProtoException#fatal()}
     *     says whether the stream can continue
     */
    @Nullable Message decode(ByteBuf in) throws ProtoException;

    /** Writes one message into {@code out}. */
    void encode(Message message, ByteBuf out) throws ProtoException;

    /**
     * Bytes this codec must send to the peer on its own account while decoding, such as an HTTP
     * {@code 100 Continue} before the body arrives, or the {@code 400} that explains a fatal
     * {@link ProtoException} before the connection closes; null when there are none. The engine
     * asks after every {@link #decode} call, and sends the bytes as they are.
     */
    default byte @Nullable [] takeOutbound() {
        return null;
    }

    /**
     * After a fatal {@link ProtoException}: whether the codec still owes replies to messages it
     * decoded earlier (an HTTP server with pipelined requests in its handlers) and will write its
     * last words after them, from {@link #encode}. The engine then stops reading but keeps the
     * connection open until {@link #finished()}; otherwise it closes at once.
     */
    default boolean closesAfterOwedReplies() {
        return false;
    }

    /** Whether the codec has written everything it ever will: the connection closes after that write. */
    default boolean finished() {
        return false;
    }
}
