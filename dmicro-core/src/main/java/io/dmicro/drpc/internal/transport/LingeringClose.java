package io.dmicro.drpc.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose peer was just sent a notice (a going-away message, an AfterAccept
 * refusal, a WebSocket close frame) so that the notice reaches it: the write side is shut first,
 * and what the peer still sends is read and dropped until it closes too, at most for the linger.
 * Closing with the peer's bytes unread, or while they are on the way, answers them with a reset,
 * and a reset makes the peer's kernel drop what it has not read yet, the notice included.
 */
public final class LingeringClose {

    /** How long a closing connection waits for its told peer to close too: ample for a peer that reads, short for one that never does. */
    public static final Duration NOTICE_LINGER = Duration.ofSeconds(1);

    private LingeringClose() {
    }

    /** On the connection's event loop, after the notice was written; lingers at most {@link #NOTICE_LINGER}. */
    public static void close(Channel ch) {
        close(ch, ch::close);
    }

    /**
     * As {@link #close(Channel)}, with {@code closeNow} closing the connection at the end of the
     * linger: a handler that lingers in place of a close passing through it closes from its own
     * context, below itself.
     */
    static void close(Channel ch, Runnable closeNow) {
        if (!ch.isActive() || !(ch instanceof DuplexChannel duplex)) {
            closeNow.run();
            return;
        }
        ch.pipeline().addFirst(DropInbound.INSTANCE);
        duplex.shutdownOutput().addListener(done -> {
            ScheduledFuture<?> timer = ch.eventLoop().schedule(closeNow, NOTICE_LINGER.toNanos(), TimeUnit.NANOSECONDS);
            ch.closeFuture().addListener(closed -> timer.cancel(false));
        });
    }

    @ChannelHandler.Sharable
    private static final class DropInbound extends ChannelInboundHandlerAdapter {
        static final DropInbound INSTANCE = new DropInbound();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.close(); // the peer left after reading the notice
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
