package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import java.util.Locale;
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
