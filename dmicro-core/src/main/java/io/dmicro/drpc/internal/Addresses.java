package io.dmicro.drpc.internal;

import io.dmicro.drpc.transport.SessionChannels;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Formats socket addresses as the original does ({@code host:port}) and finds a connection's own
 * and peer addresses; parsing URIs is {@code TransportUri}'s job.
 */
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

    /** The channel's remote address, or the IP address its transport named when the channel has none (QUIC). */
    static SocketAddress peer(Channel ch) {
        SocketAddress named = ch.attr(SessionChannels.PEER_ADDRESS).get();
        return named != null ? named : ch.remoteAddress();
    }

    /** The channel's local address, or the one its transport named. */
    static SocketAddress own(Channel ch) {
        SocketAddress named = ch.attr(SessionChannels.OWN_ADDRESS).get();
        return named != null ? named : ch.localAddress();
    }

    /** The original's default session id: the local address of a dialed connection, the peer's of an accepted one. */
    static String sessionId(Channel ch, boolean dialed) {
        SocketAddress address = dialed ? own(ch) : peer(ch);
        if (address instanceof InetSocketAddress) {
            return format(address);
        }
        // a unix client socket has no name, so its address alone would not tell sessions apart
        return format(address) + "#" + ch.id().asShortText();
    }
}
