package io.dmicro.drpc.transport.quic;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.quic.QuicChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a QUIC listener the close semantics of a TCP one. Every QUIC connection of a listener
 * travels over the listener's single UDP socket, so closing that socket would cut them all
 * without a word to their peers, where closing a TCP listener leaves accepted connections alone.
 * Closing the listener channel therefore only stops accepting: new connections are refused at
 * once, and the socket really closes when the last open connection has ended (or when the
 * endpoint shuts its event loops down).
 *
 * <p>Sits on the UDP channel; the connections of a listener share its event loop, so no locking.
 */
final class QuicListenerGuard extends ChannelOutboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(QuicListenerGuard.class);

    private int open;
    private boolean closing;
    private @Nullable ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Counts a new connection, or refuses it when the listener is closed. */
    boolean admit(QuicChannel connection) {
        if (closing) {
            return false;
        }
        open++;
        connection.closeFuture().addListener(f -> ended());
        return true;
    }

    private void ended() {
        open--;
        if (closing && open == 0 && ctx != null) {
            ctx.close();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (open == 0) {
            ctx.close(promise);
            return;
        }
        if (!closing) {
            closing = true;
            log.debug("QUIC listener {} stops accepting; its socket closes after its {} open connection(s)",
                    ctx.channel().localAddress(), open);
        }
        promise.trySuccess();
    }
}
