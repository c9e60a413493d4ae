package io.dmicro.drpc;

/**
 * TCP socket options applied to every connection (reference §3.2 global knobs).
 *
 * @param noDelay disable Nagle's algorithm (default true)
 * @param keepAlive enable TCP keep-alive probes
 * @param receiveBufferSize SO_RCVBUF in bytes; -1 leaves the OS default
 * @param sendBufferSize SO_SNDBUF in bytes; -1 leaves the OS default
 */
public record SocketOptions(boolean noDelay, boolean keepAlive, int receiveBufferSize, int sendBufferSize) {

    public static final SocketOptions DEFAULT = new SocketOptions(true, true, -1, -1);
}
