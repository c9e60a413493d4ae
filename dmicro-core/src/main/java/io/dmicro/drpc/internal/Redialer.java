package io.dmicro.drpc.internal;

import io.dmicro.drpc.transport.TransportUri;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-side part of a dialed session: when its connection breaks, dials again (reference
 * §12.2) until a connection opens, the attempts are spent, or the session or endpoint is closed.
 * A connection that breaks while an attempt is still being prepared (its handshake hooks, its
 * opening) is one failed attempt, never the end of redialing (andeya/erpc#56, #86).
 *
 * <p>Sends made meanwhile wait for the outcome ({@link #next}): they go out once it succeeds and
 * fail with 102 if it does not; their deadlines run on ({@link PendingCalls#queue}).
 */
final class Redialer {

    private static final Logger log = LoggerFactory.getLogger(Redialer.class);

    private final DefaultSession session;
    private final Engine engine;
    private final String address;
    /** Completes with the outcome of the next (or running) redial; replaced once that redial succeeded. */
    private final AtomicReference<CompletableFuture<Boolean>> next = new AtomicReference<>(new CompletableFuture<>());
    /** From a broken connection until a fresh one is open or redialing ended. */
    private volatile boolean redialing;

    Redialer(DefaultSession session, Engine engine, String address) {
        this.session = session;
        this.engine = engine;
        this.address = address;
    }

    String address() {
        return address;
    }

    /** Whether a broken connection is redialed: the endpoint allows it and is not closing. */
    boolean enabled() {
        return engine.config.redialTimes() != 0 && !engine.closing();
    }

    boolean redialing() {
        return redialing;
    }

    /** The outcome of the redial running now or next. */
    CompletableFuture<Boolean> next() {
        return next.get();
    }

    /** Starts redialing after the connection broke; the session is REDIALING. */
    void start() {
        CompletableFuture<Boolean> outcome = next.get();
        redialing = true;
        log.info("session {}: connection to {} lost; redialing", session.id(), TransportUri.redact(address));
        Runnable loop = () -> {
            Channel fresh = null;
            try {
                fresh = engine.connector().redial(session, address);
            } catch (RuntimeException e) {
                log.warn("session {}: redial failed: {}", session.id(), e.toString());
            }
            if (fresh != null) {
                log.info("session {}: redialed {}", session.id(), TransportUri.redact(address));
                outcome.complete(true);
            } else {
                redialing = false;
                session.redialEnded();
                outcome.complete(false);
            }
        };
        try {
            engine.handlerExecutor.execute(loop);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            redialing = false;
            session.redialEnded();
            outcome.complete(false);
        }
    }

    /**
     * Called on the I/O thread as the redialed session opens, before it takes calls: later sends
     * wait for the redial after this one, if any.
     */
    void opened() {
        redialing = false;
        next.set(new CompletableFuture<>());
    }
}
