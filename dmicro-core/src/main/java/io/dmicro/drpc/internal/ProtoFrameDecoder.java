package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bytes into {@link Message}s with the connection's {@link ProtoCodec}. A skipped bad frame
 * goes on as its {@link ProtoException} so the session can answer it; a fatal one closes the
 * connection with a logged reason. A frame that has begun must be complete within the frame
 * timeout, or the connection is closed: a peer dribbling a byte a second holds no socket for ever.
 */
final class ProtoFrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ProtoFrameDecoder.class);

    private final ProtoCodec codec;
    /** Runs while a partial frame waits for more bytes. */
    private final FrameClock frameClock;
    /** A fatal error's answer is being written; the connection closes once it is out. */
    private boolean closing;

    ProtoFrameDecoder(ProtoCodec codec, java.time.Duration frameTimeout) {
        this.codec = codec;
        this.frameClock = new FrameClock(frameTimeout, () -> actualReadableBytes() > 0, log, "a frame");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closing) {
            in.skipBytes(in.readableBytes()); // a fatal error's answer is on its way out; nothing more is read
            return;
        }
        while (in.isReadable() && ctx.channel().isActive()) {
            int before = in.readerIndex();
            try {
                Message m = codec.decode(in);
                sendOutbound(ctx);
                if (m == null) {
                    if (in.isReadable()) {
                        frameClock.start(ctx);
                    }
                    return;
                }
                frameClock.completed();
                out.add(m);
            } catch (ProtoException e) {
                if (e.fatal()) {
                    log.warn("closing connection {}: {}", ctx.channel().remoteAddress(), e.status().cause());
                    in.skipBytes(in.readableBytes());
                    byte[] last = codec.takeOutbound();
                    if (last != null && last.length > 0) {
                        closing = true;
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(last)).addListener(ChannelFutureListener.CLOSE);
                    } else if (codec.closesAfterOwedReplies()) {
                        closing = true; // the encoder closes once the codec's last words follow the owed replies
                    } else {
                        ctx.close();
                    }
                    return;
                }
                sendOutbound(ctx);
                out.add(e);
            } catch (RuntimeException e) {
                log.warn("closing connection {}: proto decoder failed", ctx.channel().remoteAddress(), e);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readerIndex() == before) {
                throw new IllegalStateException("proto codec returned a message without consuming input");
            }
        }
    }

    /** Sends what the codec asked to send while decoding (an HTTP 100 Continue), ahead of any reply. */
    private void sendOutbound(ChannelHandlerContext ctx) {
        byte[] bytes = codec.takeOutbound();
        if (bytes != null && bytes.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }
    }
}
