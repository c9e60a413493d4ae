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
 */
public record SocketOptions(boolean noDelay, boolean keepAlive, int receiveBufferSize, int sendBufferSize,
        java.time.Duration keepAlivePeriod) {

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
}
