package io.dmicro.drpc.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Closes a WebSocket connection after the server's close frame as RFC 6455 §7.1.1 asks (the server
 * waits for the client to close the TCP connection), by {@link LingeringClose}. Closed at once, with
 * the client's bytes unread (the rest of a message over the limit, say), the socket answers them with
 * a reset, and a reset makes the client's kernel drop the close frame unread: it saw 1006, not 1009.
 * Sits below the WebSocket codec (above TLS), where the close frame is a buffer starting 0x88.
 */
final class WebSocketCloseLinger extends ChannelOutboundHandlerAdapter {

    /** A frame header byte: FIN and opcode 8 (close); a server's frames are not masked, so the byte is as the encoder wrote it. */
    private static final byte CLOSE_FRAME = (byte) 0x88;

    private boolean closeFrameSent;
    private boolean lingering;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!closeFrameSent && msg instanceof ByteBuf b && b.isReadable() && b.getByte(b.readerIndex()) == CLOSE_FRAME) {
            closeFrameSent = true;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        Channel ch = ctx.channel();
        if (!lingering && (!closeFrameSent || !ch.isActive())) {
            ctx.close(promise);
            return;
        }
        // every close asked for meanwhile (the decoder's and the protocol handler's) ends with the linger's
        ch.closeFuture().addListener(f -> promise.trySuccess());
        if (!lingering) {
            lingering = true;
            ctx.flush();
            LingeringClose.close(ch, () -> ctx.close());
        }
    }
}
