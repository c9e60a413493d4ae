package io.dmicro.drpc.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
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
 *
 * <p>The clock is cancelled, and forgotten by the channel, as the session opens: an open session
 * keeps no timer, attribute or listener of it (an idle session costs its memory for as long as it
 * lives).
 */
final class HandshakeDeadline {

    private static final Logger log = LoggerFactory.getLogger(HandshakeDeadline.class);
    /** The running clock of a connection whose session has not opened yet. */
    private static final AttributeKey<ScheduledFuture<?>> CLOCK = AttributeKey.valueOf(HandshakeDeadline.class, "clock");
    /** Stops the clock of a connection that closed before its session opened; shared, so that it can be removed again. */
    private static final ChannelFutureListener STOP_ON_CLOSE = f -> stop(f.channel());

    private HandshakeDeadline() {
    }

    /** Starts the clock for a connection just accepted; on its event loop. */
    static void arm(Channel ch, Duration bound) {
        ScheduledFuture<?> t = ch.eventLoop().schedule(() -> {
            if (ch.isActive() && ch.hasAttr(CLOCK)) {
                log.info("closing connection {}: no session opened within the handshake timeout of {}",
                        Addresses.format(ch.remoteAddress()), bound);
                ch.close();
            }
        }, bound.toNanos(), TimeUnit.NANOSECONDS);
        ch.attr(CLOCK).set(t);
        ch.closeFuture().addListener(STOP_ON_CLOSE);
    }

    /** The connection's session is open: the handshake is over. */
    static void markOpened(Channel ch) {
        if (stop(ch)) {
            ch.closeFuture().removeListener(STOP_ON_CLOSE);
        }
    }

    private static boolean stop(Channel ch) {
        if (!ch.hasAttr(CLOCK)) {
            return false; // a dialed connection, or one whose clock stopped already
        }
        ScheduledFuture<?> t = ch.attr(CLOCK).getAndRemove();
        if (t == null) {
            return false;
        }
        t.cancel(false);
        return true;
    }
}
