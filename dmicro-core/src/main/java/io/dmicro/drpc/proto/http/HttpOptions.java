package io.dmicro.drpc.proto.http;

import org.jspecify.annotations.Nullable;

/**
 * How the HTTP proto serves.
 *
 * @param statusStyle how failures map to HTTP statuses
 * @param cors cross-origin access, none by default
 * @param jsonRpcPath where a {@code POST} of a JSON-RPC 2.0 body (one request or a batch) is
 *     answered in JSON-RPC, as JSON-RPC-over-HTTP clients such as npm's jayson send it; null to
 *     serve no JSON-RPC over HTTP
 * @param openApi whether {@code GET /openapi.json} serves the OpenAPI 3.1 document of the routes
 */
public record HttpOptions(StatusStyle statusStyle, CorsOptions cors, @Nullable String jsonRpcPath, boolean openApi) {

    public static final String DEFAULT_JSON_RPC_PATH = "/jsonrpc";
    public static final HttpOptions DEFAULT = new HttpOptions(StatusStyle.HTTP, CorsOptions.NONE, DEFAULT_JSON_RPC_PATH, true);

    public HttpOptions {
        if (jsonRpcPath != null && !jsonRpcPath.startsWith("/")) {
            throw new IllegalArgumentException("jsonRpcPath must start with '/': " + jsonRpcPath);
        }
    }

    public HttpOptions withStatusStyle(StatusStyle style) {
        return new HttpOptions(style, cors, jsonRpcPath, openApi);
    }

    public HttpOptions withCors(CorsOptions c) {
        return new HttpOptions(statusStyle, c, jsonRpcPath, openApi);
    }

    public HttpOptions withJsonRpcPath(@Nullable String path) {
        return new HttpOptions(statusStyle, cors, path, openApi);
    }

    public HttpOptions withOpenApi(boolean serve) {
        return new HttpOptions(statusStyle, cors, jsonRpcPath, serve);
    }
}
