package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.http.StatusStyle;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.status.StatusEncoding;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.stream.Collectors;

/** Builds the server's responses: every one with {@code Date}, a length, and the connection's fate. */
final class HttpResponses {

    static final String STATUS_HEADER = "X-Drpc-Status";
    private static final String JSON = "application/json;charset=utf-8";
    private static final String GZIP = "gzip";
    private static final HttpResponseStatus BUSINESS_ERROR = new HttpResponseStatus(299, "Business Error");

    private final ProtoConfig config;
    private final StatusStyle style;
    private final Cors cors;

    HttpResponses(ProtoConfig config, StatusStyle style, Cors cors) {
        this.config = config;
        this.style = style;
        this.cors = cors;
    }

    String knownTypes() {
        return config.codecs().all().stream().map(Codec::contentType).distinct().collect(Collectors.joining(", "));
    }

    FullHttpResponse reply(Exchange x, Message m) {
        if (!m.status().isOk()) {
            return error(x, HttpResponseStatus.valueOf(style.httpStatus(m.status().code())), m.status(), m);
        }
        byte[] body = m.body();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders h = r.headers();
        HttpHeadersOfMeta.toHeaders(m.meta(), h);
        if (m.filterIds().length > 0) {
            TransferFilter gzip = config.filters().get(GZIP);
            if (m.filterIds().length != 1 || gzip == null || m.filterIds()[0] != gzip.id()) {
                return error(x, HttpResponseStatus.INTERNAL_SERVER_ERROR, Status.withCause(Status.INTERNAL_SERVER_ERROR,
                        "http proto: only the gzip transfer filter can travel over HTTP"));
            }
            if (body.length > 0) {
                body = gzip.onPack(body);
                h.set(HeaderNames.CONTENT_ENCODING, GZIP);
                h.set(HeaderNames.X_CONTENT_ENCODING, GZIP);
            }
        }
        h.set(HeaderNames.CONTENT_TYPE, contentType(m.bodyCodec()));
        if (m.type() != MessageType.REPLY) {
            h.set(HeaderNames.X_MTYPE, Integer.toString(m.type().code()));
        }
        if (body.length + 512L > config.maxMessageSize()) {
            return error(x, HttpResponseStatus.INTERNAL_SERVER_ERROR, Status.withCause(Status.INTERNAL_SERVER_ERROR,
                    "http proto: the reply of " + body.length + " bytes exceeds the frame limit of " + config.maxMessageSize() + " bytes"));
        }
        return withBody(x, r, body);
    }

    FullHttpResponse error(Exchange x, HttpResponseStatus status, Status drpc) {
        return error(x, status, drpc, null);
    }

    private FullHttpResponse error(Exchange x, HttpResponseStatus status, Status drpc, Message m) {
        if (status.code() == 299 || x.peerSeq != null) {
            // A drpc httpproto peer (it sent X-Seq) reads only 200 and 299: the Go original's
            // client fails the whole connection on any other status ("unSupport HTTP status code").
            status = BUSINESS_ERROR;
        }
        String json = StatusEncoding.toJson(drpc);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        if (m != null) {
            HttpHeadersOfMeta.toHeaders(m.meta(), r.headers());
        }
        r.headers().set(HeaderNames.CONTENT_TYPE, JSON);
        r.headers().set(STATUS_HEADER, HttpHeadersOfMeta.asciiJson(json));
        return withBody(x, r, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A request the server cannot go on from: its status, the JSON status, then close. */
    FullHttpResponse failure(Exchange x, HttpResponseStatus status, String reason) {
        return error(x, status, Status.of(status.code(), status.reasonPhrase(), reason));
    }

    FullHttpResponse json(Exchange x, HttpResponseStatus status, String json) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        r.headers().set(HeaderNames.CONTENT_TYPE, JSON);
        return withBody(x, r, json.getBytes(StandardCharsets.UTF_8));
    }

    FullHttpResponse noContent(Exchange x) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        cors.decorate(x, r.headers());
        finish(x, r);
        return r;
    }

    FullHttpResponse options(Exchange x) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        r.headers().set(HeaderNames.ALLOW, "OPTIONS, GET, HEAD, POST");
        cors.decorate(x, r.headers());
        finish(x, r);
        return r;
    }

    FullHttpResponse methodNotAllowed(Exchange x, String method) {
        return methodNotAllowed(x, "OPTIONS, GET, HEAD, POST", "a call is POST (or GET, HEAD without a body), not " + method);
    }

    /** 405 with the methods the target takes in {@code Allow} (RFC 9110 §15.5.6: a 405 must send it). */
    FullHttpResponse methodNotAllowed(Exchange x, String allow, String cause) {
        FullHttpResponse r = error(x, HttpResponseStatus.METHOD_NOT_ALLOWED, Status.of(Status.MTYPE_NOT_ALLOWED,
                "Method Not Allowed", cause));
        r.headers().set(HeaderNames.ALLOW, allow);
        return r;
    }

    private FullHttpResponse withBody(Exchange x, FullHttpResponse r, byte[] body) {
        cors.decorate(x, r.headers());
        r.headers().set(HeaderNames.CONTENT_LENGTH, body.length);
        if (!x.head) {
            r.content().writeBytes(body); // a HEAD response tells the length, and sends no body (RFC 9110 §9.3.2)
        }
        if (x.peerSeq != null) {
            r.headers().set(HeaderNames.X_SEQ, x.peerSeq);
        }
        finish(x, r);
        return r;
    }

    /** Date (RFC 9110 §6.6.1), and Connection as the request left it (RFC 9112 §9.3, §9.6). */
    static void finish(Exchange x, FullHttpResponse r) {
        HttpHeaders h = r.headers();
        h.set(HeaderNames.DATE, DateFormatter.format(new Date()));
        if (!h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            h.set(HeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        }
        if (x.close) {
            h.set(HeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (x.version.equals(HttpVersion.HTTP_1_0)) {
            h.set(HeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (r.status().code() == 204) {
            h.remove(HttpHeaderNames.CONTENT_LENGTH); // RFC 9110 §8.6: a 204 carries no Content-Length
        }
    }

    private String contentType(byte codecId) {
        Codec codec = codecId == 0 ? null : config.codecs().get(codecId);
        return codec == null ? "application/octet-stream" : codec.contentType() + ";charset=utf-8";
    }
}
