package io.dmicro.drpc.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * One WebSocket message per proto frame: a binary or text message's payload goes up as bytes, and
 * each encoded frame goes down as one message. Text messages, what browsers send most easily,
 * suit the line-based jsonrpc proto: each text message is one document (one JSON-RPC request, or
 * one batch), and once a peer has sent text, it gets text back.
 */
final class WebSocketFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private volatile boolean text;
    private volatile boolean lengthPrefixed;
    private volatile boolean lines;

    /**
     * For a {@link io.dmicro.drpc.proto.websocket.MessageFramedProto} (the Go original's
     * WebSocket sub-protos): each message goes up behind a 4-byte length, and the 4-byte length
     * the codec writes is taken off each message going down.
     */
    void lengthPrefixed(boolean prefixed) {
        this.lengthPrefixed = prefixed;
    }

    /** Whether to send text messages before the peer has sent any. */
    void textByDefault(boolean text) {
        this.text = text;
    }

    /**
     * For a line-based proto (jsonrpc): a binary message is one document too, as a text message
     * is, instead of bytes that run on into the next message.
     */
    void oneDocumentPerMessage(boolean lines) {
        this.lines = lines;
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
            out.add(lines ? oneLine(ctx, frame.content()) : frame.content().retain());
        } else if (frame instanceof TextWebSocketFrame) {
            text = true;
            out.add(oneLine(ctx, frame.content()));
        }
        // control frames are answered by the protocol handler; anything else is dropped
    }

    /**
     * A text message is one document: its raw line breaks become spaces (they can only be
     * whitespace in JSON, whose strings escape them) and one {@code \n} ends it, so a
     * pretty-printed JSON-RPC request is one request to the line-based proto.
     */
    private static ByteBuf oneLine(ChannelHandlerContext ctx, ByteBuf content) {
        int end = content.writerIndex();
        if (end > content.readerIndex() && content.getByte(end - 1) == '\n') {
            end--; // a line end already there is not doubled: the line is as long as the message
        }
        ByteBuf line = ctx.alloc().buffer(end - content.readerIndex() + 1);
        for (int i = content.readerIndex(); i < end; i++) {
            byte b = content.getByte(i);
            line.writeByte(b == '\n' || b == '\r' ? ' ' : b);
        }
        return line.writeByte('\n');
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
