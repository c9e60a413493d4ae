package io.dmicro.drpc.internal;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an accepted connection that has not opened its session within the endpoint's handshake
 * timeout: one that never finishes protocol sniffing, its TLS or WebSocket handshake, or its
 * AfterAccept hooks (an auth handshake) cannot hold its socket for ever (slowloris).
 */
final class HandshakeDeadline {

    private static final Logger log = LoggerFactory.getLogger(HandshakeDeadline.class);
    private static final AttributeKey<Boolean> OPENED = AttributeKey.valueOf(HandshakeDeadline.class, "opened");

    private HandshakeDeadline() {
    }

    /** Starts the clock for a connection just accepted. */
    static void arm(Channel ch, Duration bound) {
        ScheduledFuture<?> t = ch.eventLoop().schedule(() -> {
            if (ch.isActive() && !Boolean.TRUE.equals(ch.attr(OPENED).get())) {
                log.info("closing connection {}: no session opened within the handshake timeout of {}", 
                        Addresses.format(ch.remoteAddress()), bound);
                ch.close();
            }
        }, bound.toNanos(), TimeUnit.NANOSECONDS);
        ch.closeFuture().addListener(f -> t.cancel(false));
    }

    /** The connection's session is open: the handshake is over. */
    static void markOpened(Channel ch) {
        ch.attr(OPENED).set(Boolean.TRUE);
    }
}
