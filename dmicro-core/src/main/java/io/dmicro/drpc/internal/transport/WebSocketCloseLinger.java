package io.dmicro.drpc.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a WebSocket connection after the server's close frame as RFC 6455 §7.1.1 asks (the server
 * waits for the client to close the TCP connection): the write side is shut, and what the client
 * still sends is read and dropped until it closes too, at most {@link #LINGER}. Closed at once, with
 * the client's bytes unread (the rest of a message over the limit, say), the socket answers them with
 * a reset, and a reset makes the client's kernel drop the close frame unread: it saw 1006, not 1009.
 * Sits below the WebSocket codec (above TLS), where the close frame is a buffer starting 0x88.
 */
final class WebSocketCloseLinger extends ChannelDuplexHandler {

    static final Duration LINGER = Duration.ofSeconds(1);

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
        if (lingering) {
            ch.closeFuture().addListener(f -> promise.trySuccess());
            return;
        }
        if (!closeFrameSent || !ch.isActive() || !(ch instanceof DuplexChannel duplex)) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        ch.closeFuture().addListener(f -> promise.trySuccess());
        ctx.flush();
        duplex.shutdownOutput().addListener(done -> {
            ScheduledFuture<?> timer = ctx.executor().schedule(() -> ctx.close(), LINGER.toNanos(), TimeUnit.NANOSECONDS);
            ch.closeFuture().addListener(closed -> timer.cancel(false));
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (lingering && evt instanceof ChannelInputShutdownEvent) {
            ctx.close(); // the client read the close frame and left
        }
        ctx.fireUserEventTriggered(evt);
    }
}
