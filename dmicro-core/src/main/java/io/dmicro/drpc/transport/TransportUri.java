package io.dmicro.drpc.transport;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed listen or dial address: {@code scheme://host:port/path?key=value}.
 *
 * <pre>
 *   tcp://0.0.0.0:9090          tcp4://…   tcp6://[::1]:9090      host:port and :port mean tcp
 *   tls://host:9090?cert=…&amp;key=…&amp;ca=…&amp;clientAuth=require
 *   ws://host:9090/drpc         wss://host:9443/drpc?cert=…&amp;key=…
 *   unix:///run/app.sock        quic://host:9443
 *   local://orders              in-JVM (tests): a name, no port
 * </pre>
 *
 * Query parameters carry per-listener settings (see {@link ListenOptions}); unknown ones are kept
 * and ignored.
 *
 * @param scheme the lower-case scheme, {@code tcp} when none was given
 * @param host the host, without IPv6 brackets; "" for any address or for unix
 * @param port the port; 0 picks a free one when listening; 0 for unix
 * @param path the path: the socket file for unix, the WebSocket path for ws and wss, else ""
 * @param params the decoded query parameters in order
 */
public record TransportUri(String scheme, String host, int port, String path, Map<String, String> params) {

    public TransportUri {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses an address, failing with a message that names it. */
    public static TransportUri parse(String address) {
        String text = address.trim();
        String scheme = "tcp";
        int sep = text.indexOf("://");
        if (sep >= 0) {
            scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
            text = text.substring(sep + 3);
        } else if (text.startsWith("unix:")) {
            scheme = "unix";
            text = text.substring(5);
        }
        Map<String, String> params = new LinkedHashMap<>();
        int q = text.indexOf('?');
        if (q >= 0) {
            for (String pair : text.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            text = text.substring(0, q);
        }
        if (scheme.equals("local")) {
            // local://name: an in-JVM listener's name, no port; empty binds a fresh unique name
            return new TransportUri(scheme, text.endsWith("/") ? text.substring(0, text.length() - 1) : text, 0, "", params);
        }
        if (scheme.equals("unix")) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("unix address has no socket path: " + address);
            }
            return new TransportUri(scheme, "", 0, text, params);
        }
        String path = "";
        int slash = text.indexOf('/');
        if (slash >= 0) {
            path = text.substring(slash);
            text = text.substring(0, slash);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0 || (text.startsWith("[") && colon < text.indexOf(']'))) {
            throw new IllegalArgumentException("address has no port: " + address);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address has no valid port: " + address);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in address: " + address);
        }
        return new TransportUri(scheme, host, port, path, params);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * The address as it may appear in logs, exception messages and events: the values of query
     * parameters whose name mentions a password, secret or token are replaced by {@code ***}.
     * Works on text that does not parse, too, since failed addresses are logged as well.
     */
    public static String redact(String address) {
        return SECRET_PARAM.matcher(address).replaceAll("$1***");
    }

    /** This address as {@link #redact} shows it. */
    public String redacted() {
        return redact(toString());
    }

    private static final java.util.regex.Pattern SECRET_PARAM =
            java.util.regex.Pattern.compile("([?&][^=&#]*(?i:password|secret|token)[^=&#]*=)[^&#]*");

    /** The IP socket address; an empty host is the wildcard of the scheme's family. */
    public InetSocketAddress inetAddress() {
        if (!host.isEmpty()) {
            return new InetSocketAddress(host, port);
        }
        return switch (scheme) {
            case "tcp4" -> new InetSocketAddress("0.0.0.0", port);
            case "tcp6" -> new InetSocketAddress("::", port);
            default -> new InetSocketAddress(port);
        };
    }

    public @Nullable String param(String name) {
        return params.get(name);
    }

    public String param(String name, String fallback) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** The same address with another port, as a listener reports it once bound. */
    public TransportUri withPort(int newPort) {
        return new TransportUri(scheme, host, newPort, path, params);
    }

    /** Writes the address back, {@code scheme://host:port/path?query}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (scheme.equals("unix")) {
            out.append(path);
        } else if (scheme.equals("local")) {
            out.append(host);
        } else {
            out.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append(path);
        }
        if (!params.isEmpty()) {
            StringBuilder q = new StringBuilder();
            params.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(enc(k)).append(v.isEmpty() ? "" : "=" + enc(v)));
            out.append(q);
        }
        return out.toString();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
