package io.dmicro.drpc.internal.transport;

import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.transport.tls.TlsSettings;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a listen URI asks for beyond its network:
 *
 * <pre>
 *   proto=jsonrpc             the proto of every connection (default: the endpoint's proto)
 *   protos=raw,http,jsonrpc   port sharing: recognise each of these from a connection's first
 *                             bytes; names are protos plus ws (WebSocket upgrades) and tls
 *                             (TLS handshakes, which need cert= and key=); all means every one
 *   sniffTimeout=500          ms to wait for a silent peer's first bytes before assuming the
 *                             first proto listed, so peers that wait for the server still work
 *   cert=, key=, ca=, clientAuth=    TLS, see {@link TlsSettings}
 *   tlsContext=name           TLS from a context registered in code (EndpointConfig.Builder.tlsContext)
 *   wsOrigins=https://a.example,http://localhost:8080
 *                             the browser origins that may open a WebSocket (an upgrade whose
 *                             Origin is not listed gets 403: no cross-site WebSocket hijacking);
 *                             * allows any; clients that send no Origin, or a ws:/wss: one
 *                             (not browsers: the Go original's client), always may
 * </pre>
 *
 * The scheme adds layers: {@code tls} (TLS), {@code ws} (WebSocket on the URI's path),
 * {@code wss} (both).
 *
 * @param defaultProto the proto used when nothing else decides
 * @param sniffed the protos recognised on a shared port, or null for a single-proto listener
 * @param sniffWebSocket whether a shared port accepts WebSocket upgrades
 * @param sniffTls whether a shared port accepts TLS handshakes
 * @param tls the TLS context every connection starts with, or for a shared port the one a TLS
 *     handshake gets; null when there is no TLS
 * @param tlsFirst whether every connection must start with TLS
 * @param webSocketPath the WebSocket path, when WebSocket is spoken
 * @param webSocketOnly whether every connection must be a WebSocket
 * @param sniffTimeout how long to wait for a silent peer on a shared port
 * @param maxMessageSize the largest frame
 * @param protos the protos by name
 * @param webSocketOrigins the browser origins allowed to open a WebSocket; empty allows none
 */
public record ListenOptions(Proto defaultProto, @Nullable List<Proto> sniffed, boolean sniffWebSocket, boolean sniffTls,
        @Nullable SslContext tls, boolean tlsFirst, String webSocketPath, boolean webSocketOnly, Duration sniffTimeout,
        int maxMessageSize, KnownProtos protos, List<String> webSocketOrigins) {

    private static final Logger log = LoggerFactory.getLogger(ListenOptions.class);

    public ListenOptions {
        webSocketOrigins = List.copyOf(webSocketOrigins);
    }

    /**
     * Whether a WebSocket upgrade with this {@code Origin} header (null: none sent) may go on. The
     * list guards against browsers, and only a browser's Origin is checked against it: a client
     * that sends none is no browser, nor is one whose Origin has a {@code ws:} or {@code wss:}
     * scheme, which no browser can send (a page's origin is the scheme of a document, and no
     * document is loaded from a WebSocket URL). The Go original's WebSocket client
     * (golang.org/x/net/websocket under its mixer) sends {@code ws://<its local address><path>}.
     */
    public boolean allowsWebSocketOrigin(@Nullable String origin) {
        return origin == null || !isBrowserOrigin(origin) || webSocketOrigins.contains("*")
                || webSocketOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    private static boolean isBrowserOrigin(String origin) {
        String o = origin.strip();
        return !(o.regionMatches(true, 0, "ws://", 0, 5) || o.regionMatches(true, 0, "wss://", 0, 6));
    }

    /** Reads a listen URI; fails at once, naming the setting, on anything it cannot use. */
    public static ListenOptions of(TransportUri uri, Proto endpointProto, int maxMessageSize) {
        return of(uri, endpointProto, maxMessageSize, io.dmicro.drpc.transport.tls.TlsContexts.NONE);
    }

    /** Like {@link #of(TransportUri, Proto, int)}, resolving {@code ?tlsContext=name} in {@code contexts}. */
    public static ListenOptions of(TransportUri uri, Proto endpointProto, int maxMessageSize, io.dmicro.drpc.transport.tls.TlsContexts contexts) {
        return of(uri, endpointProto, maxMessageSize, contexts, io.dmicro.drpc.proto.http.HttpOptions.DEFAULT);
    }

    /** Like {@link #of(TransportUri, Proto, int, io.dmicro.drpc.transport.tls.TlsContexts)}, with the endpoint's options for the http proto. */
    public static ListenOptions of(TransportUri uri, Proto endpointProto, int maxMessageSize, io.dmicro.drpc.transport.tls.TlsContexts contexts,
            io.dmicro.drpc.proto.http.HttpOptions http) {
        KnownProtos known = KnownProtos.with(endpointProto, http);
        String protoName = uri.param("proto");
        Proto defaultProto = protoName == null || protoName.isEmpty() ? endpointProto : known.require(protoName);
        String scheme = uri.scheme();
        boolean tlsFirst = scheme.equals("tls") || scheme.equals("wss");
        boolean wsOnly = scheme.equals("ws") || scheme.equals("wss");
        List<Proto> sniffed = null;
        boolean sniffWs = false;
        boolean sniffTls = false;
        String list = uri.param("protos");
        if (list != null && !list.isEmpty() && !wsOnly) {
            sniffed = new ArrayList<>();
            List<String> names = list.trim().equalsIgnoreCase("all")
                    ? allNames(known, hasCertOrContext(uri) && !tlsFirst) : List.of(list.split(","));
            for (String raw : names) {
                String name = raw.trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "" -> { }
                    case "ws", "websocket" -> sniffWs = true;
                    case "tls" -> sniffTls = true;
                    default -> sniffed.add(known.require(name));
                }
            }
            if (sniffed.isEmpty()) {
                throw new IllegalArgumentException("protos must name at least one proto besides ws and tls: " + list);
            }
            if (protoName == null) {
                defaultProto = sniffed.get(0);
            }
        }
        SslContext tls = null;
        if (tlsFirst || sniffTls) {
            String named = uri.param("tlsContext");
            tls = named != null && !named.isEmpty() ? contexts.server(named) : TlsSettings.from(uri).serverContext(false);
        }
        long sniffMillis;
        try {
            sniffMillis = Long.parseLong(uri.param("sniffTimeout", "500"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sniffTimeout must be a number of milliseconds: " + uri.param("sniffTimeout"));
        }
        if (sniffMillis <= 0) {
            throw new IllegalArgumentException("sniffTimeout must be positive: " + sniffMillis);
        }
        String path = uri.path().isEmpty() ? "/" : uri.path();
        if (sniffed != null && list.trim().equalsIgnoreCase("all")) {
            log.info("{}: protos=all resolved to {}{}", uri.redacted(), String.join(",", allNames(known, hasCertOrContext(uri) && !tlsFirst)),
                    known.names().contains("protobuf") ? "" : " (protobuf left out: protobuf-java is not on the classpath)");
        }
        return new ListenOptions(defaultProto, sniffed, sniffWs, sniffTls, tls, tlsFirst, path, wsOnly,
                Duration.ofMillis(sniffMillis), maxMessageSize, known, origins(uri.param("wsOrigins")));
    }

    private static boolean hasCertOrContext(TransportUri uri) {
        return uri.param("cert") != null || uri.param("tlsContext") != null;
    }

    private static List<String> origins(@Nullable String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(o -> !o.isEmpty())
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList();
    }

    private static List<String> allNames(KnownProtos known, boolean withTls) {
        List<String> names = new ArrayList<>(List.of("raw", "erpc", "json"));
        if (known.names().contains("protobuf")) {
            names.add("protobuf");
        }
        names.addAll(List.of("jsonrpc", "http", "ws"));
        if (withTls) {
            names.add("tls");
        }
        return names;
    }

    /**
     * A short description for logs: {@code raw} or {@code tls+shared[raw,erpc,http,ws]}, each proto
     * by the name a URI gives it; a port-sharing list that leaves out {@code protobuf} because
     * protobuf-java is missing says so.
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (tlsFirst) {
            out.append("tls+");
        }
        if (webSocketOnly) {
            out.append("ws ").append(webSocketPath).append(" ").append(defaultProto.name());
        } else if (sniffed != null) {
            List<String> names = new ArrayList<>(sniffed.stream().map(protos::nameOf).toList());
            if (sniffWebSocket) {
                names.add("ws");
            }
            if (sniffTls) {
                names.add("tls");
            }
            out.append("shared[").append(String.join(",", names)).append(']');
            if (!protos.names().contains("protobuf")) {
                out.append(" (no protobuf: protobuf-java is not on the classpath)");
            }
        } else {
            out.append(defaultProto.name());
        }
        return out.toString();
    }
}
