package io.dmicro.drpc.transport.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicDatagramExtensionEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a quiet QUIC connection from reaching its idle timeout, as TCP keep-alive does for a
 * socket: once both sides have agreed to the DATAGRAM extension, it sends a one-byte datagram at
 * a fixed interval (a datagram must be acknowledged, which resets both sides' idle timers), and
 * drops the peer's. One instance per connection.
 */
final class QuicKeepAlive extends ChannelInboundHandlerAdapter {

    private static final byte[] PING = {0};

    private final Duration interval;
    private @Nullable ScheduledFuture<?> task;

    QuicKeepAlive(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof QuicDatagramExtensionEvent e && e.maxLength() >= PING.length && !interval.isZero() && task == null) {
            long millis = interval.toMillis();
            task = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(Unpooled.wrappedBuffer(PING)),
                    millis, millis, TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf datagram) {
            datagram.release(); // a keep-alive: its arrival was all it had to say
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
