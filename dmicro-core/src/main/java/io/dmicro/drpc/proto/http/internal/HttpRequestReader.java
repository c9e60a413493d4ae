package io.dmicro.drpc.proto.http.internal;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Joins a request's head and body parts into one {@code FullHttpRequest}, holding the frame limit
 * over head and body together and deciding from the head alone where it can: a declared length
 * over the limit is 413 before any body byte is awaited, and a client that sent
 * {@code Expect: 100-continue} gets its {@code 100 Continue} (or the 413) before it sends the body.
 * Input that breaks HTTP's rules goes up as an {@link HttpFailure}: 400 for a malformed line,
 * header or length, a missing or repeated {@code Host} (RFC 9112 §3.2), two framings of the body;
 * 414 for a request line over 8 KiB, 431 for a header section over 64 KiB, 501 for a transfer
 * coding other than chunked, 417 for an expectation other than 100-continue. Nothing is read after
 * a failure: the connection closes once it is answered.
 */
final class HttpRequestReader extends ChannelInboundHandlerAdapter {

    /** RFC 9110's name for 413 (Netty still says Request Entity Too Large). */
    static final HttpResponseStatus CONTENT_TOO_LARGE = new HttpResponseStatus(413, "Content Too Large");

    /** Where the limit is set, for the 413's reason. */
    static final String RAISE_LIMIT = " (head and body together); the server sets it with EndpointConfig.builder().maxMessageSize(bytes),"
            + " or dmicro.endpoint.max-message-size in Spring Boot";

    private final int limit;
    private @Nullable HttpRequest head;
    private @Nullable CompositeByteBuf body;
    private int headSize;
    private boolean failed;

    HttpRequestReader(int limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (failed) {
                return; // the connection closes once the failure is answered; the rest is not read
            }
            if (msg instanceof HttpRequest request) {
                startRequest(ctx, request);
            }
            if (msg instanceof HttpContent content && !failed) {
                addContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            HttpResponseStatus status = cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
            fail(ctx, status, String.valueOf(cause.getMessage()), request.protocolVersion());
            return;
        }
        HttpVersion version = request.protocolVersion();
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        // The Go original's httpproto client sends no Host for a bare route URI; it always sends X-Seq,
        // so a missing Host is let through for such a drpc peer. A repeated Host is always refused.
        boolean goDrpcPeer = hosts.isEmpty() && request.headers().contains("X-Seq");
        if (version.equals(HttpVersion.HTTP_1_1) && hosts.size() != 1 && !goDrpcPeer) {
            fail(ctx, HttpResponseStatus.BAD_REQUEST, hosts.isEmpty() ? "an HTTP/1.1 request must carry a Host header"
                    : "a request must carry exactly one Host header, not " + hosts.size(), version);
            return;
        }
        String te = request.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
        if (te != null && !te.strip().equalsIgnoreCase("chunked")) {
            fail(ctx, HttpResponseStatus.NOT_IMPLEMENTED, "unsupported Transfer-Encoding: " + te + " (only chunked)", version);
            return;
        }
        headSize = headSize(request);
        long declared = HttpUtil.getContentLength(request, 0L);
        if (headSize + declared > limit) {
            fail(ctx, CONTENT_TOO_LARGE, "frame size " + (headSize + declared)
                    + " exceeds the limit of " + limit + " bytes" + RAISE_LIMIT, version);
            return;
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null) {
            if (!expect.strip().equalsIgnoreCase(HttpHeaderValues.CONTINUE.toString())) {
                fail(ctx, HttpResponseStatus.EXPECTATION_FAILED, "unsupported expectation: " + expect, version);
                return;
            }
            if (version.equals(HttpVersion.HTTP_1_1) && (declared > 0 || te != null)) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
            }
        }
        head = request;
        body = ctx.alloc().compositeBuffer(64);
    }

    private void addContent(ChannelHandlerContext ctx, HttpContent content) {
        HttpRequest h = head;
        CompositeByteBuf b = body;
        if (h == null || b == null) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            release();
            fail(ctx, HttpResponseStatus.BAD_REQUEST, "malformed body: " + content.decoderResult().cause().getMessage(), h.protocolVersion());
            return;
        }
        if ((long) headSize + b.readableBytes() + content.content().readableBytes() > limit) {
            release();
            fail(ctx, CONTENT_TOO_LARGE, "the body takes the frame over the limit of " + limit + " bytes" + RAISE_LIMIT,
                    h.protocolVersion());
            return;
        }
        if (content.content().isReadable()) {
            b.addComponent(true, content.content().retain());
        }
        if (content instanceof LastHttpContent last) {
            DefaultFullHttpRequest full = new DefaultFullHttpRequest(h.protocolVersion(), h.method(), h.uri(), b, h.headers(),
                    last.trailingHeaders());
            head = null;
            body = null;
            ctx.fireChannelRead(full);
        }
    }

    /** The bytes of the request line and headers as sent (near enough: names, values, separators). */
    private static int headSize(HttpRequest r) {
        int size = r.method().name().length() + r.uri().length() + 12;
        for (Map.Entry<String, String> e : r.headers()) {
            size += e.getKey().length() + e.getValue().length() + 4;
        }
        return size + 2;
    }

    private void fail(ChannelHandlerContext ctx, HttpResponseStatus status, String reason, HttpVersion version) {
        failed = true;
        ctx.fireChannelRead(new HttpFailure(status, reason, version));
    }

    private void release() {
        CompositeByteBuf b = body;
        body = null;
        head = null;
        if (b != null) {
            b.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }
}
