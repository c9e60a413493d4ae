package io.dmicro.drpc.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * One WebSocket message per proto frame: a binary or text message's payload goes up as bytes, and
 * each encoded frame goes down as one message. Text messages, what browsers send most easily,
 * suit the line-based jsonrpc proto: a text message that does not end its line gets a
 * {@code \n}, and once a peer has sent text, it gets text back.
 */
public final class WebSocketFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private static final byte[] NEWLINE = {'\n'};

    private volatile boolean text;
    private volatile boolean lengthPrefixed;

    /**
     * For a {@link io.dmicro.drpc.proto.websocket.MessageFramedProto} (the Go original's
     * WebSocket sub-protos): each message goes up behind a 4-byte length, and the 4-byte length
     * the codec writes is taken off each message going down.
     */
    public void lengthPrefixed(boolean prefixed) {
        this.lengthPrefixed = prefixed;
    }

    /** Whether to send text messages before the peer has sent any. */
    public void textByDefault(boolean text) {
        this.text = text;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (lengthPrefixed && (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame)) {
            ByteBuf content = frame.content();
            CompositeByteBuf message = ctx.alloc().compositeBuffer(2);
            message.addComponents(true, ctx.alloc().buffer(4).writeInt(content.readableBytes()), content.retain());
            out.add(message);
            return;
        }
        if (frame instanceof BinaryWebSocketFrame) {
            out.add(frame.content().retain());
        } else if (frame instanceof TextWebSocketFrame) {
            text = true;
            ByteBuf content = frame.content();
            if (content.isReadable() && content.getByte(content.writerIndex() - 1) == '\n') {
                out.add(content.retain());
            } else {
                CompositeByteBuf line = ctx.alloc().compositeBuffer(2);
                line.addComponents(true, content.retain(), Unpooled.wrappedBuffer(NEWLINE));
                out.add(line);
            }
        }
        // control frames are answered by the protocol handler; anything else is dropped
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        if (lengthPrefixed) {
            // one encoded message per write; its length prefix is the transport's business
            msg.skipBytes(Math.min(4, msg.readableBytes()));
        }
        out.add(text ? new TextWebSocketFrame(msg.retain()) : new BinaryWebSocketFrame(msg.retain()));
    }
}
