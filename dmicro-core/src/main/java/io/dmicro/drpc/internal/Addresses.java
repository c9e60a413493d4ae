package io.dmicro.drpc.internal;

import io.dmicro.drpc.transport.SessionChannels;
import io.dmicro.drpc.transport.TransportAddress;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Formats socket addresses as the original does ({@code host:port}) and finds a connection's own
 * and peer addresses; parsing URIs is {@code TransportUri}'s job.
 */
public final class Addresses {

    private Addresses() {
    }

    /** {@code 127.0.0.1:9090} or {@code [::1]:9090} ({@link TransportAddress#hostPort}). */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return TransportAddress.hostPort(inet);
        }
        if (address instanceof io.netty.channel.local.LocalAddress local) {
            return local.id(); // shown after local://, as a port is after host:
        }
        return String.valueOf(address);
    }

    /** The channel's remote address, or the IP address its transport named when the channel has none (QUIC). */
    static SocketAddress peer(Channel ch) {
        SocketAddress named = named(ch, SessionChannels.PEER_ADDRESS);
        return named != null ? named : ch.remoteAddress();
    }

    /** The channel's local address, or the one its transport named. */
    static SocketAddress own(Channel ch) {
        SocketAddress named = named(ch, SessionChannels.OWN_ADDRESS);
        return named != null ? named : ch.localAddress();
    }

    /** Looked up without {@code attr}, which would add an empty attribute to every channel that has none. */
    private static @Nullable SocketAddress named(Channel ch, io.netty.util.AttributeKey<SocketAddress> key) {
        return ch.hasAttr(key) ? ch.attr(key).get() : null;
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
