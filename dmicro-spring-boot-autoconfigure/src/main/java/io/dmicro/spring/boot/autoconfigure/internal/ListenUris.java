package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the form of each {@code dmicro.endpoint.listen} URI before anything binds: a scheme, a host
 * and a port in range for the socket networks. Whether a scheme is supported is the engine's call,
 * made when it listens.
 */
public final class ListenUris {

    private static final Set<String> SOCKET_SCHEMES = Set.of("tcp", "tcp4", "tcp6", "tls", "ws", "wss", "http", "https", "quic", "kcp");

    private ListenUris() {
    }

    /** The property key of the i-th listen URI. */
    public static String key(int index) {
        return "dmicro.endpoint.listen[" + index + "]";
    }

    /**
     * The URIs the endpoint binds: as configured, or with TLS enabled, each TCP and WebSocket URI made
     * to serve TLS with {@code tls}'s files. {@code tcp://} becomes {@code tls://} and {@code ws://}
     * becomes {@code wss://}; a port-sharing URI ({@code ?protos=}) keeps its scheme, so clear-text
     * peers of the listed protos are still served, and also recognises TLS handshakes. Options the
     * URI sets itself win. Other schemes (unix, quic, ...) are left as they are.
     */
    public static List<String> effective(List<String> listen, TlsFiles tls) {
        if (!tls.enabled()) {
            return List.copyOf(listen);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < listen.size(); i++) {
            out.add(withTls(i, listen.get(i), tls));
        }
        return List.copyOf(out);
    }

    private static String withTls(int index, String uri, TlsFiles tls) {
        TransportUri parsed;
        try {
            parsed = TransportUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw malformed(index, uri, String.valueOf(e.getMessage()));
        }
        Map<String, String> params = new LinkedHashMap<>(parsed.params());
        String protos = params.get("protos");
        boolean sharing = protos != null && !protos.isBlank();
        String scheme = switch (parsed.scheme()) {
            case "tcp", "tcp4", "tcp6" -> sharing ? parsed.scheme() : "tls";
            case "ws" -> "wss";
            case "tls", "wss" -> parsed.scheme();
            default -> null;
        };
        if (scheme == null) {
            return uri;
        }
        if (sharing && !protos.trim().equalsIgnoreCase("all") && !List.of(protos.toLowerCase(Locale.ROOT).split(",")).contains("tls")) {
            params.put("protos", protos + ",tls");
        }
        tls.listenOptions().forEach(params::putIfAbsent);
        return new TransportUri(scheme, parsed.host(), parsed.port(), parsed.path(), params).toString();
    }

    static void check(int index, String uri) {
        String text = uri.trim();
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw malformed(index, uri, "no scheme; expected a URI such as tcp://0.0.0.0:9090");
        }
        String scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            throw malformed(index, uri, "invalid scheme '" + scheme + "'");
        }
        if (!SOCKET_SCHEMES.contains(scheme)) {
            return; // unix:///path and schemes of plugged-in transports: left to the engine
        }
        String rest = text.substring(sep + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at; // the authority ends at the path or at options such as ?protos=all
            }
        }
        String authority = rest.substring(0, end);
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.endsWith("]")) {
            throw malformed(index, uri, "no port; use port 0 to pick a free one");
        }
        String port = authority.substring(colon + 1);
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw malformed(index, uri, "port '" + port + "' is not a number");
        }
        if (value < 0 || value > 65535) {
            throw malformed(index, uri, "port " + value + " is out of range 0-65535");
        }
    }

    private static DmicroConfigurationException malformed(int index, String uri, String reason) {
        return new DmicroConfigurationException(key(index), uri, "malformed listen URI: " + reason,
                "Use scheme://host:port, for example tcp://0.0.0.0:9090 or tcp6://[::]:9090.");
    }
}
