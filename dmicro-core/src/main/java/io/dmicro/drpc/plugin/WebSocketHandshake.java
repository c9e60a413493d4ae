package io.dmicro.drpc.plugin;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket upgrade request as {@link BeforeWebSocketHandshake} plugins see it, before any
 * session exists.
 *
 * @param path the request path, such as {@code /drpc}
 * @param query the query parameters
 * @param headers the request headers, names in lower case
 * @param origin the {@code Origin} header (what browsers send), or null
 * @param remoteAddress the peer
 */
public record WebSocketHandshake(String path, Map<String, List<String>> query, Map<String, List<String>> headers,
        @Nullable String origin, SocketAddress remoteAddress) {

    public WebSocketHandshake {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
