package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bytes into {@link Message}s with the connection's {@link ProtoCodec}. A skipped bad frame
 * goes on as its {@link ProtoException} so the session can answer it; a fatal one closes the
 * connection with a logged reason.
 */
final class ProtoFrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ProtoFrameDecoder.class);

    private final ProtoCodec codec;

    ProtoFrameDecoder(ProtoCodec codec) {
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && ctx.channel().isActive()) {
            int before = in.readerIndex();
            try {
                Message m = codec.decode(in);
                if (m == null) {
                    return;
                }
                out.add(m);
            } catch (ProtoException e) {
                if (e.fatal()) {
                    log.warn("closing connection {}: {}", ctx.channel().remoteAddress(), e.status().cause());
                    in.skipBytes(in.readableBytes());
                    ctx.close();
                    return;
                }
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
}
