package io.dmicro.drpc.internal;

import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;
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
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Redialer, CompletableFuture> NEXT =
            AtomicReferenceFieldUpdater.newUpdater(Redialer.class, CompletableFuture.class, "next");

    /**
     * Completes with the outcome of the next (or running) redial; made when first asked for (most
     * sessions never redial), and replaced once that redial succeeded.
     */
    private volatile @Nullable CompletableFuture<Boolean> next;
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

    DefaultSession session() {
        return session;
    }

    /** Whether a broken connection is redialed: the endpoint allows it and is not closing. */
    static boolean enabled(Engine engine) {
        return engine.config.redialTimes() != 0 && !engine.closing();
    }

    boolean redialing() {
        return redialing;
    }

    /** The outcome of the redial running now or next. */
    @SuppressWarnings("unchecked")
    CompletableFuture<Boolean> next() {
        return LazyFields.get(NEXT, this, r -> new CompletableFuture<Boolean>());
    }

    /** Starts redialing after the connection broke; the session is REDIALING. */
    void start() {
        CompletableFuture<Boolean> outcome = next();
        redialing = true;
        log.info("session {}: connection to {} lost; redialing", session.id(), TransportUri.redact(address));
        Runnable loop = () -> {
            Channel fresh = null;
            try {
                fresh = engine.connector().redial(this);
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
        next = null; // the next redial's outcome, made when asked for
    }

    /** Whether redial attempts should go on: the session was not closed meanwhile. */
    boolean keepsRedialing() {
        SessionState s = session.state();
        return s == SessionState.REDIALING || s == SessionState.PREPARING;
    }

    /** Waits out the pause before a redial attempt; returns early, false, when the session is closed meanwhile. */
    boolean pause(Duration pause) {
        try {
            session.closeFuture().get(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return keepsRedialing();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return false;
    }

    /** Moves the session onto a fresh connection for an attempt; false when it was closed while the connection was made. */
    boolean prepare(Channel fresh) {
        if (session.state() != SessionState.REDIALING) {
            return false;
        }
        session.moveTo(fresh);
        return session.transition(SessionState.REDIALING, SessionState.PREPARING);
    }

    /** An attempt's handshake failed: back to waiting for the next attempt, unless closed meanwhile. */
    void attemptFailed() {
        session.transition(SessionState.PREPARING, SessionState.REDIALING);
    }

    /**
     * Opens the session on a redialed connection. False when the connection broke before it could
     * open (a failed attempt: the session goes back to REDIALING) or when the session was closed meanwhile.
     */
    boolean open(Channel fresh) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        fresh.eventLoop().execute(() -> {
            if (session.channel() != fresh || !fresh.isActive()) {
                session.transition(SessionState.PREPARING, SessionState.REDIALING);
                result.complete(false);
                return;
            }
            session.changeVerdict(PeerVerdict::withoutGoingAway);
            session.assignDefaultId();
            boolean ok = session.openNow();
            if (ok) {
                opened();
            }
            result.complete(ok);
        });
        return result.join();
    }
}
