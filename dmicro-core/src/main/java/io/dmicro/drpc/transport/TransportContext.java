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
 */
public record TransportContext(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, SocketOptions socketOptions,
        Duration connectTimeout, int maxMessageSize) {
}
