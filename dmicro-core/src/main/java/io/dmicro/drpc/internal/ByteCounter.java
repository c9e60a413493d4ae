package io.dmicro.drpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the proto's bytes in and out of one connection for its session ({@link DefaultSession#received},
 * {@link DefaultSession#sent}), where the proto's framing has handlers of Netty's (HTTP); the frame
 * codec counts its own bytes ({@link ProtoFrameDecoder}, {@link ProtoFrameEncoder}). Outbound bytes are added up per message and published at
 * the flush, and the clock is read once per socket read and per flush, not per message: under load
 * one flush carries hundreds of messages. A write's promise completes after its flush, so whoever
 * learns that a message went out sees it counted.
 */
final class ByteCounter extends ChannelDuplexHandler {

    private final DefaultSession session;
    /** Bytes written since the last flush; touched only on the event loop. */
    private long unflushedOut;

    ByteCounter(DefaultSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            session.received(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            unflushedOut += buf.readableBytes();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        long n = unflushedOut;
        if (n != 0) {
            unflushedOut = 0;
            session.sent(n);
        }
        ctx.flush();
    }
}
