package io.dmicro.drpc.internal;

import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the peer said about the current connection with its {@link GoAway}: that it is going away
 * (no new calls go out), or that it refused the connection (its status is what calls on it fail
 * with). From it follow the errors of a send the session cannot take ({@link #closedError}) and of
 * a written call whose connection broke ({@link #broken}). One per session, {@link #reset} for
 * each redialed connection.
 */
final class PeerVerdict {

    private static final Logger log = LoggerFactory.getLogger(PeerVerdict.class);

    /** The peer sent {@link GoAway} on the current connection: no new calls go out on it. */
    private volatile boolean goingAway;
    /** Why the peer refused this connection (its GoAway carried a status). */
    private volatile @Nullable Status refusal;

    boolean goingAway() {
        return goingAway;
    }

    @Nullable Status refusal() {
        return refusal;
    }

    /**
     * The peer is closing gracefully (an OK status): no new calls go out on this connection, those
     * in flight get their replies. With another status it refused the connection and closes it next.
     */
    void onGoAway(String sessionId, Status why) {
        if (!why.isOk()) {
            refusal = why;
            goingAway = true;
            log.info("session {}: the peer refused the connection: {}", sessionId, why);
            return;
        }
        if (goingAway) {
            return;
        }
        goingAway = true;
        log.debug("session {}: the peer is going away", sessionId);
    }

    /** A refusal the connection closed under before the session saw it (found in the handshake inbox); the first one stays. */
    void refusedBeforeOpening(@Nullable Status why) {
        if (refusal == null) {
            refusal = why;
        }
    }

    /** A fresh connection: what the peer said concerned the one that broke. */
    void reset() {
        refusal = null;
        goingAway = false;
    }

    /** Only the going-away notice is forgotten: a redialed session opens on a connection the peer did not leave. */
    void clearGoingAway() {
        goingAway = false;
    }

    /** A send refused because the session in {@code state} cannot take it: never written, so not executed. */
    DrpcException closedError(String sessionId, SessionState state) {
        Status refused = refusal;
        if (refused != null) {
            return DrpcException.notSent(refused);
        }
        if (goingAway && state == SessionState.OK) {
            return DrpcException.notSent(Status.withCause(Status.SERVICE_UNAVAILABLE, "session " + sessionId + ": the peer is going away"));
        }
        if (state == SessionState.ACTIVE_CLOSING) {
            return DrpcException.notSent(Status.withCause(Status.SERVICE_UNAVAILABLE, "session " + sessionId + " is closing"));
        }
        return DrpcException.notSent(Status.withCause(Status.CONN_CLOSED, "session " + sessionId + " is " + state));
    }

    /**
     * What a call or push whose write failed fails with: the peer's refusal when it refused the
     * connection (the write raced its close), else what the write's failure says.
     */
    DrpcException unwritten(@Nullable Throwable cause) {
        Status refused = refusal;
        return refused != null ? DrpcException.notSent(refused) : SessionWriter.writeError(cause);
    }

    /**
     * What a written call fails with when its connection breaks: 102 (it may have run), or the
     * peer's refusal when it refused the connection (its messages were never dispatched).
     */
    Status broken(String why) {
        Status refused = refusal;
        return refused != null ? refused : Status.withCause(Status.CONN_CLOSED, why);
    }
}
