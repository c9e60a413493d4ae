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
 *   ProtoFrameEncoder           Message  -> bytes, the messages of one flush batched into one buffer; counts them
 *   ReadBatchFlusher            coalesces flushes: a read's first at once, then by 32, the rest at its end
 *   ProtoFrameDecoder           bytes    -> Message (or a skipped bad frame); counts them
 *   SessionHandler              Message  -> the session's dispatcher; connection events
 * </pre>
 *
 * <p>The HTTP proto has Netty's HTTP handlers in place of the frame codec ({@link HttpPipeline})
 * and Netty's {@code FlushConsolidationHandler} (a response per request, nothing to pipeline),
 * with {@link HttpRequestDeadline} around the request decoder of an accepted connection, and a
 * {@link ByteCounter} first to count the bytes (the frame codec counts its own: a handler less for
 * every connection).
 */
final class DrpcChannelInitializer {

    private DrpcChannelInitializer() {
    }

    static void init(Channel ch, Engine engine, Proto proto, DefaultSession session) {
        ChannelPipeline p = ch.pipeline();
        if (proto instanceof HttpProto http) {
            p.addLast("bytes", new ByteCounter(session));
            // HTTP is framed by Netty's own codec, whose handlers sit where the frame codec would
            p.addLast("flush", new FlushConsolidationHandler(256, true));
            HttpPipeline.addHandlers(p, engine.protoConfig, http.options(), session.isDialed());
            if (!session.isDialed()) {
                HttpRequestDeadline deadline = new HttpRequestDeadline(engine.config.frameTimeout());
                p.addBefore(HttpPipeline.REQUEST_DECODER, "http-deadline-bytes", deadline.bytes());
                p.addAfter(HttpPipeline.REQUEST_DECODER, "http-deadline-requests", deadline.requests());
            }
            p.addLast("session", new SessionHandler(session));
            return;
        }
        ProtoCodec codec = proto.newCodec(engine.protoConfig);
        p.addLast("encoder", new ProtoFrameEncoder(codec, session)); // below the consolidation: it batches per real flush
        p.addLast("flush", new ReadBatchFlusher());
        p.addLast("decoder", new ProtoFrameDecoder(codec, session, engine.config.frameTimeout()));
        p.addLast("session", new SessionHandler(session));
    }
}
