package io.dmicro.drpc.transport.quic;

import io.dmicro.drpc.transport.SocketOptions;
import io.dmicro.drpc.transport.TransportUri;
import io.dmicro.drpc.transport.tls.TlsSettings;
import java.time.Duration;

/**
 * What a {@code quic://} URI asks for beyond its address:
 *
 * <pre>
 *   cert=, key=, keyPassword=   the server's PEM certificate and key; without them the server
 *                               makes a self-signed one at start-up (as the original does)
 *   ca=                         a client verifies the server against these certificates (and its
 *                               host name); a server asks clients for certificates signed by them
 *   clientAuth=require          none (default), optional or require, as for tls://
 *   insecure=false              a client without ca= trusts any server certificate unless this
 *                               is false, when it uses the JDK's trust store (the original always
 *                               skips verification when it has no TLS configuration)
 *   alpn=drpc                   the ALPN protocol both sides must agree on
 *   idleTimeout=30000           ms without packets before a connection is dropped; 0 never
 *                               (then a vanished peer is only noticed by a heartbeat plugin)
 * </pre>
 *
 * With the endpoint's {@link SocketOptions#keepAlive()} on (the default), each side sends a
 * one-byte QUIC DATAGRAM every third of the idle timeout (or every {@code keepAlivePeriod} when
 * that is shorter), so a quiet but healthy connection is never dropped, as TCP keep-alive does.
 *
 * @param tls the certificate settings
 * @param verifyServer whether a client verifies the server's certificate
 * @param alpn the application protocol
 * @param idleTimeout the idle timeout; zero for none
 * @param keepAliveInterval how often to send a keep-alive; zero for never
 * @param maxStreamData the flow-control window of the session stream, in bytes
 */
record QuicOptions(TlsSettings tls, boolean verifyServer, String alpn, Duration idleTimeout, Duration keepAliveInterval,
        long maxStreamData) {

    static final String DEFAULT_ALPN = "drpc";
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** Reads a URI; fails at once, naming the setting, on anything it cannot use. */
    static QuicOptions of(TransportUri uri, SocketOptions socket, int maxMessageSize) {
        TlsSettings tls = TlsSettings.from(uri);
        String insecure = uri.param("insecure");
        boolean verify = insecure == null || insecure.isEmpty() ? tls.ca() != null : !Boolean.parseBoolean(insecure);
        String alpn = uri.param("alpn", DEFAULT_ALPN);
        long idleMillis;
        try {
            idleMillis = Long.parseLong(uri.param("idleTimeout", Long.toString(DEFAULT_IDLE_TIMEOUT.toMillis())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("idleTimeout must be a number of milliseconds: " + uri.param("idleTimeout"));
        }
        if (idleMillis < 0) {
            throw new IllegalArgumentException("idleTimeout must not be negative: " + idleMillis);
        }
        Duration idle = Duration.ofMillis(idleMillis);
        Duration keepAlive = Duration.ZERO;
        if (socket.keepAlive() && !idle.isZero()) {
            keepAlive = idle.dividedBy(3);
            if (!socket.keepAlivePeriod().isZero() && socket.keepAlivePeriod().compareTo(keepAlive) < 0) {
                keepAlive = socket.keepAlivePeriod();
            }
            keepAlive = keepAlive.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : keepAlive;
        }
        // a window of two frames keeps a sender of large frames streaming; 1 MiB keeps small ones fast
        long window = Math.max(1L << 20, 2L * maxMessageSize);
        return new QuicOptions(tls, verify, alpn, idle, keepAlive, window);
    }
}
