package io.dmicro.drpc.proto.jsonrpc;

import io.dmicro.drpc.status.Status;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How drpc statuses and JSON-RPC error codes map onto each other.
 *
 * <pre>
 *   drpc status                 JSON-RPC error.code
 *   400 Bad Message (body)      -32602 Invalid params
 *   404 Not Found               -32601 Method not found
 *   500 Internal Server Error   -32603 Internal error
 *   -1  Unknown Error           -32603 Internal error
 *   any other code              the same code (application codes, above 1000, stay as they are)
 *   (unparsable line)           -32700 Parse error
 *   (not a valid request)       -32600 Invalid Request
 * </pre>
 *
 * The drpc status travels whole in {@code error.data} ({@code {"code":…,"msg":…,"cause":…}}), so
 * a drpc peer reads back exactly the status that was sent.
 */
public final class JsonRpcErrors {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    private JsonRpcErrors() {
    }

    /** The JSON-RPC error code for a drpc status. */
    public static int toJsonRpc(Status status) {
        return switch (status.code()) {
            case Status.NOT_FOUND -> METHOD_NOT_FOUND;
            case Status.BAD_MESSAGE -> INVALID_PARAMS;
            case Status.INTERNAL_SERVER_ERROR, Status.UNKNOWN_ERROR -> INTERNAL_ERROR;
            default -> status.code();
        };
    }

    /** The standard message of a reserved code, or null for any other. */
    public static @Nullable String standardMessage(int code) {
        return switch (code) {
            case PARSE_ERROR -> "Parse error";
            case INVALID_REQUEST -> "Invalid Request";
            case METHOD_NOT_FOUND -> "Method not found";
            case INVALID_PARAMS -> "Invalid params";
            case INTERNAL_ERROR -> "Internal error";
            default -> null;
        };
    }

    /** The drpc status of an error object: the one in {@code data} when a drpc peer put it there. */
    public static Status toStatus(JsonNode error) {
        JsonNode data = error.get("data");
        if (data != null && data.isObject() && data.has("code") && data.get("code").isIntegralNumber()) {
            return Status.of(data.get("code").asInt(), text(data, "msg"), text(data, "cause"));
        }
        JsonNode codeNode = error.get("code");
        int code = codeNode != null && codeNode.isIntegralNumber() ? codeNode.asInt() : INTERNAL_ERROR;
        String message = text(error, "message");
        int drpc = switch (code) {
            case METHOD_NOT_FOUND -> Status.NOT_FOUND;
            case PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS -> Status.BAD_MESSAGE;
            case INTERNAL_ERROR -> Status.INTERNAL_SERVER_ERROR;
            default -> code <= -32000 && code >= -32099 ? Status.INTERNAL_SERVER_ERROR : code;
        };
        return Status.of(drpc, message, null);
    }

    /**
     * The drpc status of an error object from the Go original, which puts the drpc code itself in
     * {@code code} and the status text in {@code message} (no cause).
     */
    public static Status toGoStatus(JsonNode error) {
        JsonNode codeNode = error.get("code");
        int code = codeNode != null && codeNode.isIntegralNumber() ? codeNode.asInt() : Status.UNKNOWN_ERROR;
        return Status.of(code, text(error, "message"), null);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isString() ? v.asString() : v.toString();
    }
}
