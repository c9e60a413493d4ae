package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.proto.http.CorsOptions;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * CORS by the Fetch standard: preflights answered from {@link CorsOptions}, and the allow headers
 * added to the actual responses of allowed origins. An origin that is not allowed gets a preflight
 * 403 and responses without allow headers, so its page cannot read them.
 */
final class Cors {

    private final CorsOptions options;

    Cors(CorsOptions options) {
        this.options = options;
    }

    boolean isPreflight(FullHttpRequest r) {
        return r.method().equals(HttpMethod.OPTIONS) && r.headers().contains(HttpHeaderNames.ORIGIN)
                && r.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    FullHttpResponse preflight(Exchange x, FullHttpRequest r) {
        String origin = r.headers().get(HttpHeaderNames.ORIGIN);
        String method = r.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        String requested = r.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "");
        boolean allowed = options.allowsOrigin(origin) && options.allowsMethod(method);
        for (String h : requested.split(",")) {
            if (!h.isBlank() && !options.allowsHeader(h.strip())) {
                allowed = false;
            }
        }
        FullHttpResponse response = new DefaultFullHttpResponse(x.version,
                allowed ? HttpResponseStatus.NO_CONTENT : HttpResponseStatus.FORBIDDEN, Unpooled.EMPTY_BUFFER);
        HttpHeaders h = response.headers();
        h.add(HttpHeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (allowed) {
            allowOrigin(h, origin);
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", options.methods()));
            if (!requested.isBlank()) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
            }
            if (options.maxAge() != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(options.maxAge().toSeconds()));
            }
        }
        HttpResponses.finish(x, response);
        return response;
    }

    /** The allow headers of an actual (not preflight) response. */
    void decorate(Exchange x, HttpHeaders h) {
        if (x.origin == null || options.allowedOrigins().isEmpty()) {
            return;
        }
        h.add(HttpHeaderNames.VARY, "Origin");
        if (options.allowsOrigin(x.origin)) {
            allowOrigin(h, x.origin);
            if (!options.exposedHeaders().isEmpty()) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", options.exposedHeaders()));
            }
        }
    }

    private void allowOrigin(HttpHeaders h, String origin) {
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, options.allowedOrigins().contains("*") ? "*" : origin);
        if (options.allowCredentials()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
    }
}
