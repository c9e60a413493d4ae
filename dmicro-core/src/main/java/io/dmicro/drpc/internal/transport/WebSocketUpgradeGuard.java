package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.plugin.WebSocketHandshake;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.status.StatusEncoding;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a WebSocket upgrade may go on, before Netty's handshaker answers it: a browser
 * origin the listener does not allow ({@code wsOrigins=}) gets 403, so a page on another site
 * cannot open a session in its visitor's name (cross-site WebSocket hijacking); then the
 * {@link io.dmicro.drpc.plugin.BeforeWebSocketHandshake} plugins see the path, query and headers
 * and may refuse. Removes itself once an upgrade is let through.
 */
final class WebSocketUpgradeGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgradeGuard.class);

    private final ListenOptions options;
    private final SessionInstaller installer;

    WebSocketUpgradeGuard(ListenOptions options, SessionInstaller installer) {
        this.options = options;
        this.installer = installer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        Status verdict;
        if (!options.allowsWebSocketOrigin(origin)) {
            verdict = Status.of(403, "Forbidden", "WebSocket origin " + origin + " is not allowed: the listen URI's wsOrigins="
                    + (options.webSocketOrigins().isEmpty() ? " is empty, which allows no browser origin"
                    : String.join(",", options.webSocketOrigins()) + " does not list it"));
        } else {
            verdict = installer.beforeWebSocketHandshake(handshake(ctx, request, origin));
        }
        if (verdict.isOk()) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        log.info("refusing WebSocket upgrade {} from {}: {}", request.uri(), ctx.channel().remoteAddress(), verdict);
        request.release();
        int code = verdict.code() >= 400 && verdict.code() <= 599 ? verdict.code() : 403;
        byte[] body = StatusEncoding.toJson(verdict).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length).set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static WebSocketHandshake handshake(ChannelHandlerContext ctx, FullHttpRequest request, String origin) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), request.headers().getAll(name));
        }
        return new WebSocketHandshake(uri.path(), uri.parameters(), headers, origin, ctx.channel().remoteAddress());
    }
}
