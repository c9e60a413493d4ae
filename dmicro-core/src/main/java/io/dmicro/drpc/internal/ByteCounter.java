package io.dmicro.drpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;

/** Counts the proto's bytes in and out of one connection, for the session and its endpoint's totals. */
final class ByteCounter extends ChannelDuplexHandler {

    private final DefaultSession session;
    private final LongAdder endpointIn;
    private final LongAdder endpointOut;

    ByteCounter(DefaultSession session, LongAdder endpointIn, LongAdder endpointOut) {
        this.session = session;
        this.endpointIn = endpointIn;
        this.endpointOut = endpointOut;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            int n = buf.readableBytes();
            session.countIn(n);
            endpointIn.add(n);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            int n = buf.readableBytes();
            session.countOut(n);
            endpointOut.add(n);
        }
        ctx.write(msg, promise);
    }
}
