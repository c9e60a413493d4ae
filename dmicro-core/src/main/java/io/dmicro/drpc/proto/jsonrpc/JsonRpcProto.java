package io.dmicro.drpc.proto.jsonrpc;

import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;

/**
 * JSON-RPC 2.0 (reference §10.5, conforming to https://www.jsonrpc.org/specification): one JSON
 * document per line. A request is a CALL, a notification (no {@code id}) a PUSH, a response a
 * REPLY; batches, error objects and the standard error codes work as the specification says.
 * See {@link JsonRpcCodec} for the mapping. {@code new JsonRpcProto(JsonRpcDialect.GO)} speaks the Go
 * original's variant instead ({@link JsonRpcDialect}).
 */
public final class JsonRpcProto implements Proto {

    private final JsonRpcDialect dialect;

    /** The specification's JSON-RPC 2.0 ({@code jsonrpc}). */
    public JsonRpcProto() {
        this(JsonRpcDialect.SPEC);
    }

    /** {@link JsonRpcDialect#GO} is the Go original's dialect, named {@code jsonrpc-go}. */
    public JsonRpcProto(JsonRpcDialect dialect) {
        this.dialect = dialect;
    }

    public JsonRpcDialect dialect() {
        return dialect;
    }

    @Override
    public String name() {
        return dialect == JsonRpcDialect.GO ? "jsonrpc-go" : "jsonrpc";
    }

    @Override
    public ProtoCodec newCodec(ProtoConfig config) {
        return new JsonRpcCodec(config, dialect == JsonRpcDialect.GO);
    }
}
