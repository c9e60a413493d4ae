package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.http.HttpProto;
import io.dmicro.drpc.proto.jsonrpc.JsonRpcProto;
import io.dmicro.drpc.proto.websocket.MessageFramedProto;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of WebSocket (reference §11.2): accepts an upgrade on the listener's path and
 * then carries one proto frame per WebSocket message.
 *
 * <pre>
 *   WebSocketCloseLinger                      after a close frame, waits for the client to close
 *   HttpServerCodec, HttpObjectAggregator     the upgrade request
 *   WebSocketUpgradeGuard                     allowed origins, BeforeWebSocketHandshake plugins
 *   WebSocketServerProtocolHandler            handshake, ping/pong, close
 *   WebSocketFrameAggregator                  continuation frames -> one message
 *   WebSocketFrameCodec                       message &lt;-> proto frame bytes
 *   (drpc handlers once the handshake is done)
 * </pre>
 *
 * The client picks the proto with {@code ?proto=jsonrpc} on the URL or the WebSocket subprotocol
 * (which is echoed); otherwise the listener's proto is used. A browser:
 * {@code new WebSocket("ws://host:9090/drpc?proto=jsonrpc")} then sends JSON-RPC text.
 */
final class WebSocketServerLayer {

    private static final Logger log = LoggerFactory.getLogger(WebSocketServerLayer.class);

    private WebSocketServerLayer() {
    }

    static void addTo(Channel ch, ListenOptions options, SessionInstaller installer) {
        ChannelPipeline p = ch.pipeline();
        WebSocketFrameCodec frames = new WebSocketFrameCodec();
        p.addLast("ws-linger", new WebSocketCloseLinger()); // below the codecs the handshake puts where "http" is
        p.addLast("http", new HttpServerCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
        p.addLast("ws-guard", new WebSocketUpgradeGuard(options, installer));
        p.addLast("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(options.webSocketPath())
                .checkStartsWith(true)
                .subprotocols(String.join(",", options.protos().names()))
                .maxFramePayloadLength(payloadLimit(options.maxMessageSize()))
                .handshakeTimeoutMillis(10_000)
                .build()));
        p.addLast("ws-aggregator", new WebSocketFrameAggregator(payloadLimit(options.maxMessageSize())));
        p.addLast(WebSocketClose.FRAMES, frames);
        p.addLast("ws-ready", new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
                    Proto proto;
                    try {
                        proto = choose(options, done.selectedSubprotocol(), done.requestUri());
                    } catch (IllegalArgumentException e) {
                        // the upgrade is done: the client hears why in the close (1008), not as a plain goodbye
                        log.info("closing WebSocket {}: {}", done.requestUri(), e.getMessage());
                        WebSocketClose.close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, e.getMessage());
                        return;
                    }
                    boolean jsonRpc = proto instanceof JsonRpcProto;
                    frames.textByDefault(jsonRpc);
                    frames.oneDocumentPerMessage(jsonRpc);
                    frames.lengthPrefixed(proto instanceof MessageFramedProto);
                    installer.install(ctx.channel(), proto, true);
                    ctx.pipeline().remove(this);
                    return;
                }
                super.userEventTriggered(ctx, evt);
            }
        });
    }

    /**
     * The WebSocket message limit: the proto's limit plus room for a length prefix that some protos
     * do not count, so that the proto decoder, not the WebSocket layer, says what is too big.
     */
    static int payloadLimit(int maxMessageSize) {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxMessageSize + 64);
    }

    /** The proto the upgrade asked for ({@code ?proto=} first, then the subprotocol), or the listener's default; throws for one it cannot serve. */
    private static Proto choose(ListenOptions options, @Nullable String subprotocol, String requestUri) {
        String name = subprotocol;
        List<String> fromQuery = new QueryStringDecoder(requestUri).parameters().get("proto");
        if (fromQuery != null && !fromQuery.isEmpty()) {
            name = fromQuery.get(0);
        }
        Proto proto = name == null || name.isEmpty() ? options.defaultProto() : options.protos().require(name);
        if (proto instanceof HttpProto) {
            throw new IllegalArgumentException("the http proto cannot travel inside WebSocket");
        }
        return proto;
    }
}
