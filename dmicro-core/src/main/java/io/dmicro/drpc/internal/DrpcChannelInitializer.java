package io.dmicro.drpc.internal;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.http.HttpProto;
import io.dmicro.drpc.proto.http.internal.HttpPipeline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Builds a connection's pipeline, read top to bottom:
 *
 * <pre>
 *   ByteCounter                 counts the proto's bytes in and out
 *   ProtoFrameEncoder           Message  -> bytes, the messages of one flush batched into one buffer
 *   FlushConsolidationHandler   coalesces flushes under load, flushes at once when idle
 *   ProtoFrameDecoder           bytes    -> Message (or a skipped bad frame)
 *   SessionHandler              Message  -> the session's dispatcher; connection events
 *   OffLoopWrites               messages written from other threads, batched onto the event loop
 * </pre>
 *
 * <p>The HTTP proto has Netty's HTTP handlers in place of the frame codec ({@link HttpPipeline}),
 * with {@link HttpRequestDeadline} around the request decoder of an accepted connection.
 */
final class DrpcChannelInitializer {

    private DrpcChannelInitializer() {
    }

    static void init(Channel ch, Engine engine, Proto proto, DefaultSession session) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("bytes", new ByteCounter(session, engine.bytesIn, engine.bytesOut));
        if (proto instanceof HttpProto http) {
            // HTTP is framed by Netty's own codec, whose handlers sit where the frame codec would
            p.addLast("flush", new FlushConsolidationHandler(256, true));
            HttpPipeline.addHandlers(p, engine.protoConfig, http.options(), session.isDialed());
            if (!session.isDialed()) {
                HttpRequestDeadline deadline = new HttpRequestDeadline(engine.config.frameTimeout());
                p.addBefore(HttpPipeline.REQUEST_DECODER, "http-deadline-bytes", deadline.bytes());
                p.addAfter(HttpPipeline.REQUEST_DECODER, "http-deadline-requests", deadline.requests());
            }
            p.addLast("session", new SessionHandler(session));
            p.addLast(OffLoopWrites.NAME, new OffLoopWrites());
            return;
        }
        ProtoCodec codec = proto.newCodec(engine.protoConfig);
        p.addLast("encoder", new ProtoFrameEncoder(codec)); // below the consolidation: it batches per real flush
        p.addLast("flush", new FlushConsolidationHandler(256, true));
        p.addLast("decoder", new ProtoFrameDecoder(codec, engine.config.frameTimeout()));
        p.addLast("session", new SessionHandler(session));
        p.addLast(OffLoopWrites.NAME, new OffLoopWrites());
    }
}
