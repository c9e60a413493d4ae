package io.dmicro.drpc.transport;

import java.io.Serial;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A {@link SocketAddress} that carries the whole listen or dial URI, so a scheme, a path and
 * options travel through APIs typed on socket addresses.
 */
public final class TransportAddress extends SocketAddress {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient TransportUri uri;

    public TransportAddress(TransportUri uri) {
        this.uri = uri;
    }

    public static TransportAddress parse(String address) {
        return new TransportAddress(TransportUri.parse(address));
    }

    /** Wraps any socket address: an IP address as tcp, anything else as it is. */
    public static TransportAddress of(SocketAddress address) {
        if (address instanceof TransportAddress t) {
            return t;
        }
        if (address instanceof InetSocketAddress inet) {
            return new TransportAddress(new TransportUri("tcp", host(inet), inet.getPort(), "", java.util.Map.of()));
        }
        if (address instanceof io.netty.channel.local.LocalAddress local) {
            return new TransportAddress(new TransportUri("local", local.id(), 0, "", java.util.Map.of()));
        }
                if (address instanceof java.net.UnixDomainSocketAddress unix) {
            return new TransportAddress(new TransportUri("unix", "", 0, unix.getPath().toString(), java.util.Map.of()));
        }
        throw new IllegalArgumentException("unsupported socket address: " + address);
    }

    /**
     * {@code 127.0.0.1:9090}, {@code [::1]:9090}, or {@code [::]:9090} for a wildcard listener: an
     * IP address in its shortest form (RFC 5952, not Java's {@code 0:0:0:0:0:0:0:0}), never with a
     * leading slash; an unresolved address by its name.
     */
    public static String hostPort(InetSocketAddress address) {
        String host = host(address);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String host(InetSocketAddress address) {
        return address.getAddress() != null ? io.netty.util.NetUtil.toAddressString(address.getAddress()) : address.getHostString();
    }

    public TransportUri uri() {
        return uri;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportAddress t && t.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    /** The URI with secrets redacted: socket addresses end up in logs, actuator output and registry metadata. */
    @Override
    public String toString() {
        return uri.redacted();
    }
}
