package io.dmicro.drpc.session;

/**
 * Where a session is in its life (reference §4.3). The order is the original's and is kept.
 */
public enum SessionState {
    /** Connected; handshake hooks (auth) run; only early messages flow. */
    PREPARING,
    /** Open for calls and pushes both ways. */
    OK,
    /** {@code close()} was called: no new calls; in-flight handlers finish and may still reply. */
    ACTIVE_CLOSING,
    ACTIVE_CLOSED,
    /** The peer or the network ended the connection. */
    PASSIVE_CLOSING,
    PASSIVE_CLOSED,
    /** A dialed session lost its connection and is dialing again. */
    REDIALING,
    REDIAL_FAILED;

    public boolean isClosed() {
        return this == ACTIVE_CLOSED || this == PASSIVE_CLOSED || this == REDIAL_FAILED;
    }
}
