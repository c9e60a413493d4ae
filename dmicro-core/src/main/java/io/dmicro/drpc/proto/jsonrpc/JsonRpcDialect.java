package io.dmicro.drpc.proto.jsonrpc;

/** Which JSON-RPC a {@link JsonRpcProto} speaks. */
public enum JsonRpcDialect {

    /**
     * JSON-RPC 2.0 as the specification has it (proto name {@code jsonrpc}): standard error codes
     * ({@code -32601} for an unknown route), the drpc status whole in {@code error.data},
     * notifications as pushes, batches, ids of any JSON type. For browsers, JSON-RPC libraries and
     * any client that is not the Go original.
     */
    SPEC,

    /**
     * The Go original's {@code jsonrpcproto} (proto name {@code jsonrpc-go}): {@code error.code} is
     * the drpc status code ({@code 404} for an unknown route, application codes as they are) and
     * {@code error.message} its text (the cause does not travel), ids are integers, every request
     * has one, {@code context} is always written, and pushes are not carried (the original drops
     * them silently; here sending one fails). For Go DMicro peers.
     */
    GO
}
