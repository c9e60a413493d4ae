package io.dmicro.drpc.transport;

import io.dmicro.drpc.session.Session;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;

/**
 * Reaches the Netty channel under a session, for what the engine does not offer: socket options
 * of one connection, TLS session details ({@code channel.pipeline().get(SslHandler.class)}), or
 * the native socket. Writing to the channel directly bypasses the session and its plugins.
 */
public final class SessionChannels {

    /**
     * Set by a transport whose channels are not addressed by IP (a QUIC stream): the peer's
     * address, which the session then reports as its {@code remoteAddress()} and uses in its id.
     */
    public static final AttributeKey<SocketAddress> PEER_ADDRESS = AttributeKey.valueOf("drpc.peerAddress");
    /** The own side's counterpart of {@link #PEER_ADDRESS}. */
    public static final AttributeKey<SocketAddress> OWN_ADDRESS = AttributeKey.valueOf("drpc.ownAddress");

    private SessionChannels() {
    }

    /** The channel a session currently runs on (a redial moves the session to a new one). */
    public static Channel channel(Session session) {
        if (session instanceof ChannelSession s) {
            return s.channel();
        }
        throw new IllegalArgumentException("not a session of this engine: " + session.getClass().getName());
    }
}
