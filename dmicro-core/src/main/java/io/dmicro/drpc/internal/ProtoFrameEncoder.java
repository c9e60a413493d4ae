package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;

/**
 * Frames outgoing {@link Message}s with the connection's {@link ProtoCodec}.
 *
 * <p>A plain outbound handler rather than a {@code MessageToByteEncoder}: a {@code Message} owns
 * no buffers, so there is nothing to release after encoding, and the per-message path is one type
 * test, one allocation and one write. Failures reach the write's promise as an
 * {@link EncoderException}, as they did from {@code MessageToByteEncoder}.
 */
final class ProtoFrameEncoder extends ChannelOutboundHandlerAdapter {

    private final ProtoCodec codec;

    ProtoFrameEncoder(ProtoCodec codec) {
        this.codec = codec;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Message message)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf out = ctx.alloc().ioBuffer();
        try {
            codec.encode(message, out);
        } catch (Throwable t) {
            out.release();
            promise.tryFailure(t instanceof EncoderException e ? e : new EncoderException(t));
            return;
        }
        ctx.write(out, promise);
    }
}
