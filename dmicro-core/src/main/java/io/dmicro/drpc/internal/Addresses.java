package io.dmicro.drpc.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Formats socket addresses as the original does ({@code host:port}); parsing URIs is {@code TransportUri}'s job. */
public final class Addresses {

    private Addresses() {
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
        if (address instanceof io.netty.channel.local.LocalAddress local) {
            return local.id(); // shown after local://, as a port is after host:
        }
        return String.valueOf(address);
    }
}
