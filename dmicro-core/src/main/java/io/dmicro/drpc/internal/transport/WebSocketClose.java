package io.dmicro.drpc.internal.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Closing a WebSocket connection with a status and a reason the peer can read, from any handler above the WebSocket layer. */
public final class WebSocketClose {

    /** The name of the WebSocket message codec, in the pipeline of every WebSocket connection. */
    static final String FRAMES = "ws-frames";

    private WebSocketClose() {
    }

    /** Whether the pipeline carries a WebSocket connection. */
    public static boolean isWebSocket(ChannelPipeline p) {
        return p.get(FRAMES) != null;
    }

    /** Sends a close frame with the status and reason, then closes the connection. */
    public static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, @Nullable String why) {
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason(why))).addListener(ChannelFutureListener.CLOSE);
    }

    /** A close frame's reason holds at most 123 bytes of UTF-8 (RFC 6455 §5.5). */
    static String reason(@Nullable String why) {
        String text = String.valueOf(why);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return text;
        }
        int end = 120;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // not inside a character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + "...";
    }
}
