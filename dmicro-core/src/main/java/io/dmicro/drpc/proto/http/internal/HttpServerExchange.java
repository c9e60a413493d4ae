package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.proto.http.HttpOpenApi;
import io.dmicro.drpc.proto.http.HttpOptions;
import io.dmicro.drpc.status.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server side of the HTTP proto: turns each request into a CALL and each REPLY into the
 * response, in request order (HTTP/1.1 pipelining) whatever order the handlers finish in.
 * It answers on its own what is about HTTP rather than a route: CORS preflights and
 * {@code OPTIONS}, {@code GET /openapi.json}, methods other than GET, HEAD and POST (405), a
 * {@code Content-Type} no codec reads (415), an {@code Accept} no codec writes (406), and the
 * {@link HttpFailure}s of {@link HttpRequestReader}. A {@code POST} to the JSON-RPC path is read
 * and answered as JSON-RPC 2.0 ({@link JsonRpcOverHttp}).
 *
 * <p>HTTP lets a server only respond, so an accepted HTTP connection never carries this side's
 * calls or pushes: writing one fails at once with status 405, and nothing goes on the wire.
 */
final class HttpServerExchange extends ChannelDuplexHandler {

    private static final String GZIP = "gzip";

    private final ProtoConfig config;
    private final HttpOptions options;
    private final HttpResponses responses;
    private final Cors cors;
    private final JsonRpcOverHttp jsonRpc;
    /** Requests read and not yet answered on the wire, in arrival order. */
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    /** The exchange waiting for each seq's reply. */
    private final Map<Integer, Exchange> bySeq = new HashMap<>();
    private int nextSeq;
    /** Set once a request asked to close, or failed: nothing more is read. */
    private boolean closing;

    HttpServerExchange(ProtoConfig config, HttpOptions options) {
        this.config = config;
        this.options = options;
        this.cors = new Cors(options.cors());
        this.responses = new HttpResponses(config, options.statusStyle(), cors);
        this.jsonRpc = new JsonRpcOverHttp(config);
    }

    // ---- inbound ------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpFailure f) {
            Exchange x = new Exchange(f.version(), false, false, null);
            x.close = true;
            closing = true;
            queue.add(x);
            x.response = responses.failure(x, f.status(), f.reason());
            flushReady(ctx);
            return;
        }
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            onRequest(ctx, request);
        } finally {
            request.release();
        }
    }

    private void onRequest(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        Exchange x = new Exchange(request.protocolVersion(), keepAlive, method.equals(HttpMethod.HEAD),
                request.headers().get(HttpHeaderNames.ORIGIN));
        x.close = !keepAlive;
        closing = x.close;
        // X-Seq marks a drpc httpproto peer (the Go original's, or ours): its X-Seq is echoed, and
        // it is answered in the original's dialect (HttpResponses: a failure is 299)
        x.peerSeq = request.headers().get(HeaderNames.X_SEQ);
        queue.add(x);
        String target = request.uri();
        if (method.equals(HttpMethod.OPTIONS)) {
            x.response = cors.isPreflight(request) ? cors.preflight(x, request) : responses.options(x);
            flushReady(ctx);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(originForm(target));
        String path = uri.path();
        // Before the generic method check: whatever the method, the JSON-RPC path allows only POST.
        if (path.equals(options.jsonRpcPath())) {
            if (method.equals(HttpMethod.POST)) {
                readJsonRpc(ctx, x, request);
            } else {
                x.response = responses.methodNotAllowed(x, "POST", "JSON-RPC 2.0 requests are POSTed to " + path
                        + " with the request as a JSON body; " + method.name() + " is not served here");
                flushReady(ctx);
            }
            return;
        }
        if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            x.response = responses.methodNotAllowed(x, method.name());
            flushReady(ctx);
            return;
        }
        if (options.openApi() && !method.equals(HttpMethod.POST) && path.equals("/openapi.json")) {
            String doc = HttpOpenApi.document(config.routes().get(), options).toString();
            x.response = responses.json(x, HttpResponseStatus.OK, doc);
            flushReady(ctx);
            return;
        }
        String misdirected = method.equals(HttpMethod.POST)
                ? MisdirectedJsonRpc.check(request.content(), path, options.jsonRpcPath(), config.routes()) : null;
        if (misdirected != null) {
            x.response = responses.error(x, HttpResponseStatus.BAD_REQUEST, Status.of(Status.BAD_MESSAGE, "Bad Request", misdirected));
            flushReady(ctx);
            return;
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        Codec codec = contentType == null ? null : config.codecs().forContentType(contentType);
        if (contentType != null && codec == null && request.content().isReadable()) {
            x.response = responses.error(x, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, Status.of(Status.BAD_MESSAGE,
                    "Unsupported Media Type", "no body codec reads " + contentType + "; known: " + responses.knownTypes()));
            flushReady(ctx);
            return;
        }
        byte requestCodec = codec == null ? 0 : codec.id();
        String acceptHeader = accept(request);
        int replyCodec = ContentNegotiation.replyCodec(acceptHeader, config.codecs(), requestCodec);
        if (replyCodec == ContentNegotiation.NONE) {
            x.response = responses.error(x, HttpResponseStatus.NOT_ACCEPTABLE, Status.of(Status.BAD_MESSAGE, "Not Acceptable",
                    "no body codec writes " + acceptHeader + "; known: " + responses.knownTypes()));
            flushReady(ctx);
            return;
        }
        x.queryWithoutBody = !request.content().isReadable() && !uri.parameters().isEmpty();
        MessageType type = messageType(request.headers().get("X-Mtype"));
        int seq = ++nextSeq;
        Message m = new Message(seq, type, path);
        for (Map.Entry<String, List<String>> p : uri.parameters().entrySet()) {
            m.meta().set(p.getKey(), p.getValue().isEmpty() ? "" : p.getValue().get(0));
        }
        HttpHeadersOfMeta.toMeta(request.headers(), m.meta());
        String accept = m.meta().get(Meta.ACCEPT_BODY_CODEC);
        if (accept != null) {
            byte id = ContentNegotiation.byNameOrId(accept, config.codecs());
            m.meta().set(Meta.ACCEPT_BODY_CODEC, id == 0 ? accept : Integer.toString(id & 0xff));
        } else if (replyCodec != ContentNegotiation.ANY) {
            m.meta().set(Meta.ACCEPT_BODY_CODEC, Integer.toString(replyCodec & 0xff));
        }
        m.bodyCodec(requestCodec);
        if (type == MessageType.CALL || type == MessageType.AUTH_CALL) {
            bySeq.put(seq, x);
        } else {
            x.response = responses.noContent(x);
        }
        try {
            m.body(body(request, m));
        } catch (IllegalArgumentException e) {
            ctx.fireChannelRead(ProtoException.skipped("http proto: " + e.getMessage(), seq, type, path));
            flushReady(ctx);
            return;
        }
        ctx.fireChannelRead(m);
        flushReady(ctx);
    }

    private void readJsonRpc(ChannelHandlerContext ctx, Exchange x, FullHttpRequest request) {
        x.jsonRpc = true;
        List<Object> decoded = jsonRpc.decode(request.content(), this::newSeq);
        for (Object o : decoded) {
            int seq = o instanceof Message m ? m.seq() : ((ProtoException) o).seq();
            boolean answered = o instanceof ProtoException || ((Message) o).type() == MessageType.CALL;
            if (answered && seq != 0) {
                bySeq.put(seq, x);
                x.owed++;
            }
        }
        if (x.owed == 0) {
            x.response = responses.noContent(x); // only notifications: JSON-RPC over HTTP answers 204
        }
        for (Object o : decoded) {
            ctx.fireChannelRead(o);
        }
        flushReady(ctx);
    }

    private int newSeq() {
        return ++nextSeq;
    }

    private byte[] body(FullHttpRequest request, Message m) {
        byte[] body = ByteBufUtil.getBytes(request.content());
        String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null && encoding.strip().equalsIgnoreCase(GZIP) && body.length > 0) {
            TransferFilter gzip = config.filters().get(GZIP);
            if (gzip == null) {
                throw new IllegalArgumentException("Content-Encoding gzip, but no gzip transfer filter is registered");
            }
            body = gzip.onUnpack(body, config.maxMessageSize());
            m.filterIds(new byte[] {gzip.id()});
        }
        return body;
    }

    /** Every {@code Accept} field line as one list (RFC 9110 §5.3: repeated lines are one comma-separated value); null when none. */
    private static @Nullable String accept(FullHttpRequest request) {
        List<String> lines = request.headers().getAll(HttpHeaderNames.ACCEPT);
        return lines.isEmpty() ? null : lines.size() == 1 ? lines.get(0) : String.join(", ", lines);
    }

    /** The path and query of a target in origin form or absolute form (RFC 9112 §3.2.2: a server must accept both). */
    private static String originForm(String target) {
        if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
            int start = target.indexOf('/', target.indexOf("//") + 2);
            return start < 0 ? "/" : target.substring(start);
        }
        return target;
    }

    private static MessageType messageType(@Nullable String mtype) {
        if (mtype == null) {
            return MessageType.CALL;
        }
        try {
            return MessageType.fromCode(Integer.parseInt(mtype.strip()));
        } catch (NumberFormatException e) {
            return MessageType.CALL;
        }
    }

    // ---- outbound -----------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Message m)) {
            ctx.write(msg, promise);
            return;
        }
        switch (m.type()) {
            case REPLY, AUTH_REPLY -> reply(ctx, m, promise);
            default -> promise.tryFailure(Status.of(Status.MTYPE_NOT_ALLOWED, "Message type not allowed",
                    "http proto: an HTTP client opened this connection, and HTTP lets a server only answer; "
                            + m.type().text() + " " + m.serviceMethod() + " cannot be sent on it").toException());
        }
    }

    private void reply(ChannelHandlerContext ctx, Message m, ChannelPromise promise) {
        Exchange x = bySeq.remove(m.seq());
        if (x == null) {
            promise.trySuccess(); // its request failed or its connection is closing: nobody waits for it
            return;
        }
        if (x.jsonRpc) {
            jsonRpc.encode(m, x);
            if (--x.owed == 0) {
                x.response = responses.json(x, HttpResponseStatus.OK, x.jsonRpcBody.toString());
            }
        } else {
            if (x.queryWithoutBody && m.status().code() == Status.BAD_MESSAGE && String.valueOf(m.status().cause()).contains("has no body")) {
                // the usual cause: the arguments were sent as ?a=1&b=2
                m.status(Status.of(m.status().code(), m.status().msg(), m.status().cause() + "; query parameters are read as meta,"
                        + " not as the body; send the arguments as a JSON body or a form"));
            }
            x.response = responses.reply(x, m);
        }
        x.promises.add(promise);
        flushReady(ctx);
    }

    /** Writes the responses that are ready, in request order; closes after one that ends the connection. */
    private void flushReady(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!queue.isEmpty() && queue.peek().response != null) {
            Exchange x = queue.poll();
            FullHttpResponse response = x.response;
            x.response = null;
            ChannelPromise written = ctx.newPromise();
            for (ChannelPromise p : x.promises) {
                written.addListener(f -> {
                    if (f.isSuccess()) {
                        p.trySuccess();
                    } else {
                        p.tryFailure(f.cause());
                    }
                });
            }
            ctx.write(response, written);
            wrote = true;
            if (x.close) {
                ctx.flush();
                written.addListener(ChannelFutureListener.CLOSE);
                releaseQueued();
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void releaseQueued() {
        for (Exchange x : queue) {
            if (x.response != null) {
                x.response.release();
            }
        }
        queue.clear();
        bySeq.clear();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQueued();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseQueued();
        ctx.fireChannelInactive();
    }

    /** Body bytes of a reply as a string, for logs. */
    static String text(ByteBuf buf) {
        return buf.toString(StandardCharsets.UTF_8);
    }
}
