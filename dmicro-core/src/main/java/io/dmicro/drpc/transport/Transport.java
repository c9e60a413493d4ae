package io.dmicro.drpc.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;
import java.net.SocketAddress;
import java.util.List;

/**
 * A network an endpoint listens on and dials through, chosen by the scheme of a listen or dial
 * URI. The built-ins are {@link io.dmicro.drpc.transport.tcp.TcpTransport} (tcp, tcp4, tcp6 and,
 * with TLS or WebSocket layered on top, tls, ws, wss) and
 * {@link io.dmicro.drpc.transport.unix.UnixTransport},
 * {@link io.dmicro.drpc.transport.quic.QuicTransport} and
 * {@link io.dmicro.drpc.transport.kcp.KcpTransport}. Implement this interface and list the
 * class in {@code META-INF/services/io.dmicro.drpc.transport.Transport} to add a network.
 *
 * <p>A transport only opens channels; the engine puts its own handlers (TLS, WebSocket, the proto
 * and the session) into each channel through the handler it passes in.
 */
public interface Transport {

    /** The URI schemes this transport serves, lower case. */
    List<String> schemes();

    /** The socket address a URI names. */
    SocketAddress address(TransportUri uri);

    /**
     * Binds a listener. {@code childHandler} is added to each accepted connection (for QUIC, to
     * each stream); the future gives the listening channel.
     */
    Future<Channel> bind(TransportUri uri, TransportContext context, ChannelHandler childHandler);

    /**
     * Opens a connection with {@code handler} in its pipeline; the future gives the channel that
     * carries drpc frames once it is connected.
     */
    Future<Channel> connect(TransportUri uri, TransportContext context, ChannelHandler handler);
}
