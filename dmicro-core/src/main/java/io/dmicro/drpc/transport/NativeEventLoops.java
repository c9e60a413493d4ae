package io.dmicro.drpc.transport;

import io.netty.channel.EventLoopGroup;

/**
 * Event loops on Netty's native epoll transport, which an endpoint makes on first use for the TCP
 * channels that run on it ({@code SocketOptions.nativeTransport}, {@code SO_REUSEPORT}); every
 * other channel (UDP, QUIC, KCP, Unix sockets) stays on the NIO loops.
 */
public interface NativeEventLoops {

    /** None: asking fails, for contexts that have no native loops. */
    NativeEventLoops NONE = new NativeEventLoops() {
        @Override
        public EventLoopGroup acceptGroup() {
            throw new UnsupportedOperationException("this endpoint has no native event loops");
        }

        @Override
        public EventLoopGroup ioGroup() {
            throw new UnsupportedOperationException("this endpoint has no native event loops");
        }
    };

    /** The loop that accepts connections. */
    EventLoopGroup acceptGroup();

    /** The loops that serve accepted connections. */
    EventLoopGroup ioGroup();
}
