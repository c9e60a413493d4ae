package io.dmicro.drpc.internal;

import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import org.jspecify.annotations.Nullable;

/**
 * What the peer said about the current connection with its {@link GoAway}: that it is going away
 * (no new calls go out), or that it refused the connection (its status is what calls on it fail
 * with). From it follow the errors of a send the session cannot take ({@link #closedError}) and of
 * a written call whose connection broke ({@link #broken}).
 *
 * <p>Immutable: a session holds one and swaps it as the peer speaks; a session whose peer said
 * nothing, or is going away without a refusal, shares a constant and allocates nothing.
 */
final class PeerVerdict {

    /** Nothing said: a fresh connection. */
    static final PeerVerdict NONE = new PeerVerdict(false, null, null);
    private static final PeerVerdict GOING_AWAY = new PeerVerdict(true, null, null);

    private final boolean goingAway;
    private final @Nullable Status refusal;
    /** Which of this side's calls the leaving peer read, when its notice said so. */
    private final GoAway.@Nullable CallsRead callsRead;

    private PeerVerdict(boolean goingAway, @Nullable Status refusal, GoAway.@Nullable CallsRead callsRead) {
        this.goingAway = goingAway;
        this.refusal = refusal;
        this.callsRead = callsRead;
    }

    private static PeerVerdict of(boolean goingAway, @Nullable Status refusal, GoAway.@Nullable CallsRead callsRead) {
        if (refusal == null && callsRead == null) {
            return goingAway ? GOING_AWAY : NONE;
        }
        return new PeerVerdict(goingAway, refusal, callsRead);
    }

    /** The peer sent {@link GoAway} on the current connection: no new calls go out on it. */
    boolean goingAway() {
        return goingAway;
    }

    /** Why the peer refused this connection, if it did. */
    @Nullable Status refusal() {
        return refusal;
    }

    /**
     * After a {@link GoAway}: with an OK status the peer is closing gracefully (no new calls go out,
     * those in flight get their replies; {@code read}, when it said, is which calls it read); with
     * another it refused the connection and closes it next.
     */
    PeerVerdict afterGoAway(Status why, GoAway.@Nullable CallsRead read) {
        if (!why.isOk()) {
            return of(true, why, callsRead);
        }
        if (goingAway && (read == null || read.equals(callsRead))) {
            return this;
        }
        return of(true, refusal, read != null ? read : callsRead);
    }

    /** With a refusal found in the handshake inbox after the connection closed; one seen before stays. */
    PeerVerdict refusedBeforeOpening(@Nullable Status why) {
        return refusal == null && why != null ? of(goingAway, why, callsRead) : this;
    }

    /** Without the going-away notice (a redialed session opens on a connection the peer did not leave); a refusal stays. */
    PeerVerdict withoutGoingAway() {
        return goingAway || callsRead != null ? of(false, refusal, null) : this;
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
     * What written call {@code seq} fails with when its connection breaks: 102 (it may have run);
     * the peer's refusal when it refused the connection (its messages were never dispatched); 503
     * (not run) when the leaving peer's notice said it read no call that late.
     */
    Status broken(int seq, String why) {
        Status refused = refusal;
        if (refused != null) {
            return refused;
        }
        GoAway.CallsRead read = callsRead;
        if (read != null && read.unread(seq)) {
            return Status.withCause(Status.SERVICE_UNAVAILABLE, why + "; the peer went away without reading the call ("
                    + (read.any() ? "the last it read was " + read.last() : "it read none") + "), so it did not run");
        }
        return Status.withCause(Status.CONN_CLOSED, why);
    }
}
