package io.dmicro.drpc.transport.tls;

import io.netty.handler.ssl.SslContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * TLS contexts built in code (from key stores, or with key managers that reload), by name: a listen
 * or dial URI picks one with {@code ?tlsContext=name} instead of naming PEM files. The Spring Boot
 * starter registers its SSL bundles here.
 */
public final class TlsContexts {

    /** No named contexts. */
    public static final TlsContexts NONE = new TlsContexts(Map.of());

    /** A server context for listeners and a client context for dials; either may be absent. */
    public record Pair(@Nullable SslContext server, @Nullable SslContext client) {
    }

    private final Map<String, Pair> byName;

    private TlsContexts(Map<String, Pair> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** These contexts and {@code name}, which replaces an earlier one of that name. */
    public TlsContexts with(String name, @Nullable SslContext server, @Nullable SslContext client) {
        Map<String, Pair> out = new LinkedHashMap<>(byName);
        out.put(name, new Pair(server, client));
        return new TlsContexts(out);
    }

    /** The server context named by a listen URI. */
    public SslContext server(String name) {
        Pair p = byName.get(name);
        if (p == null || p.server() == null) {
            throw new IllegalArgumentException("no server TLS context named " + name + " (known: " + byName.keySet() + ")");
        }
        return p.server();
    }

    /** The client context named by a dial URI. */
    public SslContext client(String name) {
        Pair p = byName.get(name);
        if (p == null || p.client() == null) {
            throw new IllegalArgumentException("no client TLS context named " + name + " (known: " + byName.keySet() + ")");
        }
        return p.client();
    }
}
