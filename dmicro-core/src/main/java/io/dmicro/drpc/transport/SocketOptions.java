package io.dmicro.drpc.transport;

/**
 * TCP socket options applied to every connection (reference §3.2 global knobs).
 *
 * @param noDelay disable Nagle's algorithm (default true)
 * @param keepAlive enable TCP keep-alive probes
 * @param receiveBufferSize SO_RCVBUF in bytes; -1 leaves the OS default
 * @param sendBufferSize SO_SNDBUF in bytes; -1 leaves the OS default
 * @param keepAlivePeriod idle time before the first keep-alive probe and between probes, as Go's
 *     {@code SetKeepAlivePeriod}; zero leaves the OS default
 * @param reusePort bind TCP listeners with {@code SO_REUSEPORT}, so that a second process of the same
 *     service can listen on the same port while this one drains (zero-downtime restart; the kernel
 *     spreads new connections over both). Needs Linux and Netty's native epoll transport
 *     ({@code netty-transport-native-epoll}); elsewhere a listen fails with the reason. The listen URI
 *     option {@code reusePort=true} asks the same for one listener.
 * @param nativeTransport run TCP connections (and TLS and WebSocket over them) on Netty's native epoll
 *     transport when it can load (Linux, {@code netty-transport-native-epoll} on the classpath), as
 *     gRPC-java, Armeria and Reactor Netty do; NIO otherwise, or when false (default false)
 */
public record SocketOptions(boolean noDelay, boolean keepAlive, int receiveBufferSize, int sendBufferSize,
        java.time.Duration keepAlivePeriod, boolean reusePort, boolean nativeTransport) {

    public static final SocketOptions DEFAULT = new SocketOptions(true, true, -1, -1);

    public SocketOptions {
        if (keepAlivePeriod.isNegative()) {
            throw new IllegalArgumentException("keepAlivePeriod must not be negative: " + keepAlivePeriod);
        }
    }

    /** Options with the OS's keep-alive period. */
    public SocketOptions(boolean noDelay, boolean keepAlive, int receiveBufferSize, int sendBufferSize) {
        this(noDelay, keepAlive, receiveBufferSize, sendBufferSize, java.time.Duration.ZERO);
    }

    /** Options on NIO (the native transport is opt-in until its refusal race is settled). */
    public SocketOptions(boolean noDelay, boolean keepAlive, int receiveBufferSize, int sendBufferSize,
            java.time.Duration keepAlivePeriod, boolean reusePort) {
        this(noDelay, keepAlive, receiveBufferSize, sendBufferSize, keepAlivePeriod, reusePort, false);
    }

    /** Options without {@code SO_REUSEPORT}. */
    public SocketOptions(boolean noDelay, boolean keepAlive, int receiveBufferSize, int sendBufferSize,
            java.time.Duration keepAlivePeriod) {
        this(noDelay, keepAlive, receiveBufferSize, sendBufferSize, keepAlivePeriod, false);
    }

    public SocketOptions withReusePort(boolean on) {
        return new SocketOptions(noDelay, keepAlive, receiveBufferSize, sendBufferSize, keepAlivePeriod, on, nativeTransport);
    }

    public SocketOptions withNativeTransport(boolean on) {
        return new SocketOptions(noDelay, keepAlive, receiveBufferSize, sendBufferSize, keepAlivePeriod, reusePort, on);
    }
}
