package io.dmicro.drpc.transport;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;

/**
 * What a {@link Transport} may use from its endpoint.
 *
 * @param acceptGroup the event loops that accept connections
 * @param ioGroup the event loops that do connection I/O
 * @param socketOptions the socket options of the endpoint
 * @param connectTimeout how long one connection attempt may take
 * @param maxMessageSize the largest frame, for transports with their own framing limits
 * @param nativeLoops the endpoint's native (epoll) event loops, made on first use, for listeners
 *     that need what only the native transport can do ({@code SO_REUSEPORT})
 */
public record TransportContext(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, SocketOptions socketOptions,
        Duration connectTimeout, int maxMessageSize, NativeEventLoops nativeLoops) {

    /** A context without native event loops: asking for them fails. */
    public TransportContext(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, SocketOptions socketOptions,
            Duration connectTimeout, int maxMessageSize) {
        this(acceptGroup, ioGroup, socketOptions, connectTimeout, maxMessageSize, NativeEventLoops.NONE);
    }
}
