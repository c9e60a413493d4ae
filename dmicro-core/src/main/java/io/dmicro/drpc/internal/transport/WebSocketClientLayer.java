package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.transport.TransportUri;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.dmicro.drpc.proto.websocket.MessageFramedProto;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.time.Duration;

/**
 * The client side of WebSocket: upgrades the connection to {@code ws://host:port/path} and
 * completes {@code ready} once the handshake is done. A {@code ?proto=name} on the dial URI is
 * sent on (in the URL and as the subprotocol) so the server speaks the same proto.
 */
final class WebSocketClientLayer {

    private WebSocketClientLayer() {
    }

    static void addTo(Channel ch, TransportUri uri, int maxMessageSize, Duration timeout, Promise<Void> ready) {
        boolean secure = uri.scheme().equals("wss");
        String host = uri.host().contains(":") ? "[" + uri.host() + "]" : uri.host();
        String proto = uri.param("proto");
        URI target = URI.create((secure ? "wss://" : "ws://") + host + ":" + uri.port() + (uri.path().isEmpty() ? "/" : uri.path())
                + (proto == null ? "" : "?proto=" + java.net.URLEncoder.encode(proto, java.nio.charset.StandardCharsets.UTF_8)));
        WebSocketFrameCodec frames = new WebSocketFrameCodec();
        boolean jsonRpc = "jsonrpc".equalsIgnoreCase(proto);
        frames.textByDefault(jsonRpc);
        frames.oneDocumentPerMessage(jsonRpc);
        // The Go original's sub-protos: it picks them by path and echoes no subprotocol.
        boolean goSubProto = proto != null && MessageFramedProto.isMessageFramed(proto);
        frames.lengthPrefixed(goSubProto);
        ChannelPipeline p = ch.pipeline();
        p.addLast("http", new HttpClientCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
        p.addLast("ws", new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(target)
                .subprotocol(goSubProto ? null : proto)
                .generateOriginHeader(false) // not a browser: no Origin, so wsOrigins= does not apply to drpc peers
                .maxFramePayloadLength(WebSocketServerLayer.payloadLimit(maxMessageSize))
                .handshakeTimeoutMillis(Math.max(1, timeout.toMillis()))
                .build()));
        p.addLast("ws-aggregator", new WebSocketFrameAggregator(WebSocketServerLayer.payloadLimit(maxMessageSize)));
        p.addLast(WebSocketClose.FRAMES, frames);
        p.addLast("ws-ready", new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                    ready.trySuccess(null);
                    ctx.pipeline().remove(this);
                    return;
                }
                if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                    ready.tryFailure(new java.io.IOException("WebSocket handshake with " + target + " timed out"));
                }
                super.userEventTriggered(ctx, evt);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                ready.tryFailure(new java.io.IOException("connection closed during the WebSocket handshake with " + target));
                ctx.fireChannelInactive();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (ready.tryFailure(cause)) {
                    ctx.close();
                    return;
                }
                ctx.fireExceptionCaught(cause);
            }
        });
    }
}
