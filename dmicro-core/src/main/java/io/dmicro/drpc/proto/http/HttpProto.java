package io.dmicro.drpc.proto.http;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;

/**
 * HTTP/1.1 as a drpc wire format (reference §10.4, id {@code 'h'}): a CALL is
 * {@code POST /route} with the body in the codec its {@code Content-Type} names, meta in headers
 * and the query string; a REPLY is {@code 200 OK} with the body, or {@code 299 Business Error}
 * with the JSON status. Any HTTP client can call any call route:
 *
 * <pre>
 * curl -d '{"a":1,"b":2}' -H 'Content-Type: application/json' http://localhost:9090/math/add
 * </pre>
 *
 * Connections are kept alive and pipelined requests are answered in order. HTTP has no room for
 * a PUSH, so pushes fail on this proto. See {@link HttpProtoCodec} for the details.
 */
public final class HttpProto implements Proto {

    @Override
    public String name() {
        return "http";
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new HttpProtoCodec(config);
    }
}
