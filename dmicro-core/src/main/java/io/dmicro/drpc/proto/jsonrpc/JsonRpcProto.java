package io.dmicro.drpc.proto.jsonrpc;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;

/**
 * JSON-RPC 2.0 (reference §10.5, conforming to https://www.jsonrpc.org/specification): one JSON
 * document per line. A request is a CALL, a notification (no {@code id}) a PUSH, a response a
 * REPLY; batches, error objects and the standard error codes work as the specification says.
 * See {@link JsonRpcCodec} for the mapping.
 */
public final class JsonRpcProto implements Proto {

    @Override
    public String name() {
        return "jsonrpc";
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new JsonRpcCodec(config);
    }
}
