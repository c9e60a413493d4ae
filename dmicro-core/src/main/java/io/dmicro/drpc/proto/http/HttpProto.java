package io.dmicro.drpc.proto.http;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;

/**
 * HTTP/1.1 as a drpc wire format (reference §10.4), parsed and written by Netty's HTTP codec: a
 * CALL is {@code POST /route} with the body in the codec its {@code Content-Type} names, meta in
 * headers and the query string; a REPLY is {@code 200 OK} with the body in the codec
 * {@code Accept} chose, or an error status mapped from the drpc code (see {@link StatusStyle}) with
 * the drpc status as JSON in the body and in the {@code X-Drpc-Status} header. Any HTTP client can
 * call any call route:
 *
 * <pre>
 * curl -d '{"a":1,"b":2}' -H 'Content-Type: application/json' http://localhost:9090/math/add
 * </pre>
 *
 * Connections are kept alive and pipelined requests are answered in order. HTTP lets a server
 * only answer: an accepted HTTP connection never carries the server's calls or pushes, which fail
 * at once with status 405. A drpc endpoint that dials with this proto is an HTTP client of any
 * HTTP server. Options: {@link HttpOptions} (status style, CORS, the JSON-RPC path, OpenAPI).
 */
public final class HttpProto implements Proto {

    private final HttpOptions options;

    public HttpProto() {
        this(HttpOptions.DEFAULT);
    }

    public HttpProto(HttpOptions options) {
        this.options = options;
    }

    public HttpOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "http";
    }

    /** Not used: Netty's HTTP codec frames this proto, installed by the engine. */
    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        throw new UnsupportedOperationException("the http proto is framed by Netty's HTTP codec, not a ProtoCodec");
    }
}
