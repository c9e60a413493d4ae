package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last inbound handler: hands decoded messages and connection events to the session. */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    private final DefaultSession session;

    SessionHandler(DefaultSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Message || msg instanceof ProtoException) {
            session.onInbound(msg);
        } else {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.onChannelInactive(ctx.channel());
        ctx.fireChannelInactive();
    }

    /**
     * A decoder's error is what the peer sent (a corrupt WebSocket frame, bad HTTP): one rate-limited
     * line without a trace ({@link ProtocolErrorLog}). Anything else is our bug and keeps its trace.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause instanceof io.netty.handler.codec.DecoderException) {
            session.engine.protocolErrors.report(Addresses.format(ctx.channel().remoteAddress()), cause);
        } else {
            log.warn("closing connection {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
