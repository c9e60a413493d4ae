package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.status.StatusEncoding;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The client side of the HTTP proto: each CALL is a {@code POST}, and responses, which HTTP sends
 * in request order, are matched to the calls by that order. A 200 carries the reply body; a 299
 * (the Go original's) or any other status carries the drpc status, read from the JSON body or
 * the {@code X-Drpc-Status} header when there is one, else made from the HTTP status.
 */
final class HttpClientExchange extends ChannelDuplexHandler {

    private static final String USER_AGENT = "dmicro-httpproto/1.1";
    private static final String GZIP = "gzip";

    private final ProtoConfig config;
    private final ArrayDeque<Integer> sent = new ArrayDeque<>();

    HttpClientExchange(ProtoConfig config) {
        this.config = config;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Message m)) {
            ctx.write(msg, promise);
            return;
        }
        if (m.type() != MessageType.CALL && m.type() != MessageType.AUTH_CALL) {
            promise.tryFailure(ProtoException.skipped("http proto: an HTTP client can only call; "
                    + m.type().text() + " is not supported"));
            return;
        }
        FullHttpRequest request;
        try {
            request = request(m);
        } catch (RuntimeException e) {
            promise.tryFailure(e instanceof ProtoException ? e : ProtoException.skipped("http proto: " + e.getMessage()));
            return;
        }
        sent.add(m.seq());
        ctx.write(request, promise);
    }

    private FullHttpRequest request(Message m) {
        String target = m.serviceMethod();
        String host = "localhost";
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI uri = URI.create(target);
            host = uri.getRawAuthority();
            target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        if (target.isEmpty() || target.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw ProtoException.skipped("http proto: service method is not a valid request target: " + target);
        }
        byte[] body = m.body();
        DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target);
        HttpHeadersOfMeta.toHeaders(m.meta(), r.headers());
        r.headers().set(HeaderNames.HOST, host).set(HeaderNames.USER_AGENT, USER_AGENT).set(HeaderNames.X_SEQ, m.seq());
        if (m.type() != MessageType.CALL) {
            r.headers().set(HeaderNames.X_MTYPE, m.type().code());
        }
        if (m.filterIds().length > 0) {
            TransferFilter gzip = config.filters().get(GZIP);
            if (m.filterIds().length != 1 || gzip == null || m.filterIds()[0] != gzip.id()) {
                throw ProtoException.skipped("http proto: only the gzip transfer filter can travel over HTTP");
            }
            if (body.length > 0) {
                body = gzip.onPack(body);
                r.headers().set(HeaderNames.CONTENT_ENCODING, GZIP);
                r.headers().set(HeaderNames.X_CONTENT_ENCODING, GZIP); // what the Go original reads to gunzip
            }
        }
        Codec codec = m.bodyCodec() == 0 ? null : config.codecs().get(m.bodyCodec());
        r.headers().set(HeaderNames.CONTENT_TYPE, codec == null ? "application/octet-stream" : codec.contentType() + ";charset=utf-8");
        r.headers().set(HeaderNames.CONTENT_LENGTH, body.length);
        if (body.length + 512L > config.maxMessageSize()) {
            throw ProtoException.skipped("http proto: frame size exceeds the limit of " + config.maxMessageSize() + " bytes");
        }
        r.content().writeBytes(body);
        return r;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpResponse response)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            Integer seq = replySeq(response);
            if (seq == null) {
                ctx.fireChannelRead(ProtoException.skipped("http proto: a response arrived for no request"));
                return;
            }
            ctx.fireChannelRead(reply(seq, response));
        } finally {
            ReferenceCountUtil.release(response);
        }
    }

    /**
     * The call a response answers: the one its {@code X-Seq} names when we sent that call (the Go
     * original's http proto answers pipelined calls as its handlers finish, out of order, and
     * tells which by {@code X-Seq}), else the oldest call still open, as HTTP orders responses.
     */
    private Integer replySeq(FullHttpResponse response) {
        String peerSeq = response.headers().get("X-Seq");
        if (peerSeq != null) {
            try {
                Integer seq = Integer.valueOf(peerSeq.trim());
                if (sent.remove(seq)) {
                    return seq;
                }
            } catch (NumberFormatException ignored) {
                // not ours: fall back to the order
            }
        }
        return sent.poll();
    }

    private Object reply(int seq, FullHttpResponse response) {
        if (response.decoderResult().isFailure()) {
            return ProtoException.skipped("http proto: malformed response: " + response.decoderResult().cause().getMessage(), seq,
                    MessageType.REPLY, "");
        }
        Message m = new Message(seq, MessageType.REPLY, "");
        HttpHeadersOfMeta.toMeta(response.headers(), m.meta());
        byte[] body = ByteBufUtil.getBytes(response.content());
        int code = response.status().code();
        if (code == 200) {
            String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (contentType != null) {
                Codec codec = config.codecs().forContentType(contentType);
                m.bodyCodec(codec == null ? 0 : codec.id());
            }
            String encoding = response.headers().get(HttpHeaderNames.CONTENT_ENCODING);
            if (encoding != null && encoding.strip().equalsIgnoreCase(GZIP) && body.length > 0) {
                TransferFilter gzip = config.filters().get(GZIP);
                if (gzip == null) {
                    return ProtoException.skipped("http proto: Content-Encoding gzip, but no gzip transfer filter is registered",
                            seq, MessageType.REPLY, "");
                }
                body = gzip.onUnpack(body, config.maxMessageSize());
                m.filterIds(new byte[] {gzip.id()});
            }
            return m.body(body);
        }
        String header = response.headers().get(HttpResponses.STATUS_HEADER);
        String json = header != null ? header : new String(body, StandardCharsets.UTF_8);
        Status status;
        try {
            status = code == 299 || header != null || json.startsWith("{") ? StatusEncoding.fromJson(json) : null;
        } catch (RuntimeException e) {
            status = null;
        }
        if (status == null || status.isOk()) {
            status = Status.of(code, response.status().reasonPhrase(), "HTTP status " + code);
        }
        return m.status(status);
    }
}
