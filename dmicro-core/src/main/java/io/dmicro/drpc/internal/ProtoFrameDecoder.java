package io.dmicro.drpc.internal;

import io.dmicro.drpc.internal.transport.WebSocketClose;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bytes into {@link Message}s with the connection's {@link ProtoCodec}. A skipped bad frame
 * goes on as its {@link ProtoException} so the session can answer it; a fatal one closes the
 * connection with a logged reason. A frame that has begun must be complete within the frame
 * timeout, or the connection is closed: a peer dribbling a byte a second holds no socket for ever.
 * The bytes read are counted for the session here, sparing every connection a handler of its own.
 */
final class ProtoFrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ProtoFrameDecoder.class);

    /** A partial frame this big has its further reads kept as components ({@link #composeLargeFrame}). */
    static final int LARGE_FRAME = 64 * 1024;

    private final ProtoCodec codec;
    /** Where the bytes read are counted. */
    private final DefaultSession session;
    private final java.time.Duration frameTimeout;
    /** Runs while a partial frame waits for more bytes; made for the first partial frame (an idle connection has none). */
    private @Nullable FrameClock frameClock;
    /** A fatal error's answer is being written; the connection closes once it is out. */
    private boolean closing;
    /** The reads of a large frame are being kept as components, not merged. */
    private boolean composing;

    ProtoFrameDecoder(ProtoCodec codec, DefaultSession session, java.time.Duration frameTimeout) {
        this.codec = codec;
        this.session = session;
        this.frameTimeout = frameTimeout;
    }

    private FrameClock frameClock() {
        FrameClock c = frameClock;
        if (c == null) {
            c = new FrameClock(frameTimeout, () -> actualReadableBytes() > 0, log, "a frame");
            frameClock = c;
        }
        return c;
    }

    /** Counts the bytes of each read (as {@link ByteCounter} does where Netty's handlers frame the proto), then decodes. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            session.received(buf.readableBytes());
        }
        super.channelRead(ctx, msg);
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
                        frameClock().start(ctx);
                        composeLargeFrame(in);
                    }
                    return;
                }
                if (frameClock != null) {
                    frameClock.completed(); // without a clock no timer runs, and nothing needs telling
                }
                out.add(m);
                if (composing && !in.isReadable()) {
                    composing = false;
                    setCumulator(MERGE_CUMULATOR);
                }
            } catch (ProtoException e) {
                if (e.fatal()) {
                    log.warn("closing connection {}: {}", ctx.channel().remoteAddress(), e.status().cause());
                    in.skipBytes(in.readableBytes());
                    byte[] last = codec.takeOutbound();
                    if (WebSocketClose.isWebSocket(ctx.pipeline())) {
                        // over WebSocket the peer hears why in the close frame: 1002, and the hint (or the reason)
                        closing = true;
                        WebSocketClose.close(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, e.hint().isEmpty() ? e.status().cause() : e.hint());
                    } else if (last != null && last.length > 0) {
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

    /**
     * Keeps the further reads of a large partial frame as components instead of merging them.
     * Merging copies every read into a buffer that grows by doubling; past the allocator's pooled
     * sizes each growth is a fresh, zeroed native allocation. A 1 MiB frame then cost three copies
     * of itself where components cost the one into the message. Small frames keep merging, which
     * is cheaper for them.
     */
    private void composeLargeFrame(ByteBuf in) {
        if (!composing && in.readableBytes() >= LARGE_FRAME) {
            composing = true;
            setCumulator(COMPOSITE_CUMULATOR);
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
