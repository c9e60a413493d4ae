package io.dmicro.drpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame timeout for the HTTP proto, whose requests Netty's codec reads piecemeal (a chunked body
 * is consumed chunk by chunk, so no partial frame stays buffered for the frame decoder's clock to
 * see): once a request's first byte has arrived, its head and whole body must be in within the
 * timeout, or the connection is closed. A peer sending a chunk a second holds no socket for ever.
 *
 * <p>Two handlers share one {@link FrameClock}: {@link #bytes()} sits below the HTTP decoder and
 * starts it on the first byte of a request; {@link #requests()} sits above and stops it at the
 * request's last content (or restarts it for a pipelined request the decoder already held). Both
 * run on the channel's event loop, so the state needs no locking.
 */
final class HttpRequestDeadline {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestDeadline.class);

    private final FrameClock clock;
    /** A request has begun and not yet ended. */
    private boolean inRequest;

    HttpRequestDeadline(Duration timeout) {
        this.clock = new FrameClock(timeout, () -> inRequest, log, "an HTTP request");
    }

    /** The handler below the HTTP decoder: raw bytes. */
    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!inRequest && msg instanceof ByteBuf buf && buf.isReadable()) {
                    begin(ctx);
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** The handler above the HTTP decoder: request heads and contents. */
    ChannelHandler requests() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest && !inRequest) {
                    begin(ctx); // a pipelined request read from bytes that came with the previous one
                }
                if (msg instanceof LastHttpContent) {
                    inRequest = false;
                    clock.completed();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void begin(ChannelHandlerContext ctx) {
        inRequest = true;
        clock.start(ctx);
    }
}
