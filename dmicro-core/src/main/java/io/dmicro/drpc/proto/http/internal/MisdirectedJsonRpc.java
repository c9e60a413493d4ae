package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.describe.RouteDescription;
import io.dmicro.drpc.describe.ServiceDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON-RPC 2.0 request POSTed to a path other than the JSON-RPC one ({@code /}, or a route's):
 * the route would read it as its argument and answer with a decoding error (or a 404) that says
 * nothing of where it belongs. Only a body that is one (or a batch of) {@code {"jsonrpc":"2.0",
 * "method":...}} is taken for one, and only when no route at that path takes such an object.
 */
final class MisdirectedJsonRpc {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ByteBuf MARK_BUF = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("\"jsonrpc\"".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private MisdirectedJsonRpc() {
    }

    /** The reason to refuse the request with, or null when it is not a misdirected JSON-RPC request. */
    static @Nullable String check(ByteBuf body, String path, @Nullable String jsonRpcPath, Supplier<ServiceDescription> routes) {
        if (!looksLikeJsonRpc(body)) {
            return null;
        }
        Optional<RouteDescription> route = routes.get().route(path);
        if (route.isPresent() && takesJsonRpcObjects(route.get().argType())) {
            return null; // a route that takes such objects (a relay, say) gets them
        }
        return jsonRpcPath == null
                ? "this is a JSON-RPC 2.0 request, and this server takes JSON-RPC over HTTP at no path"
                        + " (HttpOptions.withJsonRpcPath); POST the route's own argument to " + path + " instead"
                : "this is a JSON-RPC 2.0 request; POST it to " + jsonRpcPath + " (this server's JSON-RPC path), not to " + path;
    }

    private static boolean looksLikeJsonRpc(ByteBuf body) {
        int start = body.readerIndex();
        int end = body.writerIndex();
        int first = start;
        while (first < end && Character.isWhitespace(body.getByte(first))) {
            first++;
        }
        if (first == end || body.getByte(first) != '{' && body.getByte(first) != '[' || ByteBufUtil.indexOf(MARK_BUF, body) < 0) {
            return false; // a scan, as cheap as the JSON parse the body has ahead of it anyway
        }
        JsonNode node;
        try {
            node = JSON.readTree(ByteBufUtil.getBytes(body));
        } catch (JacksonException e) {
            return false;
        }
        JsonNode request = node != null && node.isArray() && !node.isEmpty() ? node.get(0) : node;
        return request != null && request.isObject() && "2.0".equals(request.path("jsonrpc").asString(null))
                && request.path("method").isString();
    }

    private static boolean takesJsonRpcObjects(Type argType) {
        Class<?> c = argType instanceof Class<?> k ? k
                : argType instanceof ParameterizedType p && p.getRawType() instanceof Class<?> k ? k : null;
        if (c == null || c == Object.class || c == String.class || c == byte[].class || Map.class.isAssignableFrom(c)
                || JsonNode.class.isAssignableFrom(c) || Iterable.class.isAssignableFrom(c) || c.isArray()) {
            return true;
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getName().equals("jsonrpc")) {
                    return true;
                }
            }
            return false;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getName().equals("jsonrpc")) {
                    return true;
                }
            }
        }
        return false;
    }
}
