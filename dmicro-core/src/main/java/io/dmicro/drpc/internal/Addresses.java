package io.dmicro.drpc.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;

/** Parses listen and dial addresses and formats socket addresses as the original does ({@code host:port}). */
public final class Addresses {

    private Addresses() {
    }

    /** A parsed {@code network://host:port} (network defaults to tcp). */
    public record Target(String network, String host, int port) {
        public InetSocketAddress socketAddress() {
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        }
    }

    /** Accepts {@code tcp://host:port}, {@code tcp4://…}, {@code tcp6://[::1]:port}, {@code host:port} and {@code :port}. */
    public static Target parse(String address) {
        String text = address.trim();
        String network = "tcp";
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            network = text.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
            text = text.substring(scheme + 3);
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
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
        return new Target(network, host, port);
    }

    /** {@code 127.0.0.1:9090} or {@code [::1]:9090}, never with a leading slash. */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return host + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    static URI uri(String text) {
        return URI.create(text);
    }
}
