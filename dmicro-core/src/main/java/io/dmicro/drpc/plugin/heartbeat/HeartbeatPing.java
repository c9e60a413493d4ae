package io.dmicro.drpc.plugin.heartbeat;

import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a ping to {@link Heartbeat#ROUTE} on every session that was quiet for one rate, as a CALL
 * (the peer's reply proves it alive) or a PUSH (one-way; the peer's {@link HeartbeatPong} watches
 * for it). Either side of a connection may ping.
 *
 * <p>In CALL mode a session that heard nothing for twice the rate is closed: that is how a peer
 * that vanished without closing its connection (half-open) is found. A ping that fails on the
 * connection closes the session; a peer that refuses pings (say 404) is logged, not cut off.
 *
 * <pre>{@code
 * Endpoint client = Endpoint.create(EndpointConfig.builder()
 *         .plugins(new HeartbeatPing(Duration.ofSeconds(5), HeartbeatPing.Mode.CALL)).build());
 * }</pre>
 */
public final class HeartbeatPing extends HeartbeatSupport {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPing.class);

    /** How pings travel. */
    public enum Mode {
        /** A CALL: the reply counts as the peer's sign of life. */
        CALL,
        /** A PUSH: cheaper, one-way. */
        PUSH
    }

    private volatile Duration rate;
    private volatile Mode mode;

    /** Pings at {@code rate} (at least {@link Heartbeat#MIN_RATE}) on its own scheduler thread. */
    public HeartbeatPing(Duration rate, Mode mode) {
        this(rate, mode, Clock.systemUTC(), true);
    }

    /**
     * Pings at {@code rate} measured on {@code clock}. With {@code scheduled} false nothing runs
     * by itself: each {@link #tick()} does one round, which is how tests drive time.
     */
    public HeartbeatPing(Duration rate, Mode mode, Clock clock, boolean scheduled) {
        super(Objects.requireNonNull(clock, "clock"), scheduled);
        this.rate = checkRate(rate);
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String name() {
        return "heartbeatPing";
    }

    public Duration rate() {
        return rate;
    }

    /** Changes the rate from the next tick on. */
    public void setRate(Duration newRate) {
        this.rate = checkRate(newRate);
    }

    /** Whether a ping to this session is still waiting for its outcome (diagnostics, and tests that drive ticks). */
    public boolean pingInFlight(Session session) {
        Object state = session.attributes().get(HeartbeatState.ATTRIBUTE);
        return state instanceof HeartbeatState s && s.pingInFlight;
    }

    public Mode mode() {
        return mode;
    }

    public void useCall() {
        this.mode = Mode.CALL;
    }

    public void usePush() {
        this.mode = Mode.PUSH;
    }

    @Override
    Duration tickInterval() {
        long quarter = rate.toMillis() / 4;
        return Duration.ofMillis(Math.max(250, Math.min(quarter, 5_000)));
    }

    @Override
    long ownSilenceLimitMillis() {
        return mode == Mode.CALL ? 2 * rate.toMillis() : 0;
    }

    @Override
    void tick(Session session, HeartbeatState state, long now) {
        long r = rate.toMillis();
        Mode m = mode;
        boolean due = now - state.lastWriteMillis >= r || (m == Mode.CALL && now - state.lastReadMillis >= r);
        if (!due || state.pingInFlight) {
            return;
        }
        CallOptions options = CallOptions.timeout(rate.multipliedBy(2)).withMeta(Heartbeat.RATE_META, Heartbeat.formatRate(rate));
        state.pingInFlight = true;
        if (m == Mode.CALL) {
            session.call(Heartbeat.ROUTE, null, byte[].class, options)
                    .whenComplete((reply, error) -> pinged(session, state, error));
        } else {
            session.push(Heartbeat.ROUTE, null, options).whenComplete((v, error) -> pinged(session, state, error));
        }
    }

    private void pinged(Session session, HeartbeatState state, Throwable error) {
        state.pingInFlight = false;
        if (error == null) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DrpcException d && !isConnectionFailure(d.status())) {
            if (!state.warnedRejected) {
                state.warnedRejected = true;
                log.warn("session {}: the peer refused a heartbeat with {}; is a HeartbeatPong installed there?", session.id(), d.status());
            }
            return;
        }
        closeAfterFailedPing(session, cause);
    }

    private static boolean isConnectionFailure(Status s) {
        return s.code() == Status.CONN_CLOSED || s.code() == Status.WRITE_FAILED || s.code() == Status.DIAL_FAILED
                || s.code() == Status.HANDLE_TIMEOUT;
    }

    private static Duration checkRate(Duration rate) {
        Objects.requireNonNull(rate, "rate");
        if (rate.compareTo(Heartbeat.MIN_RATE) < 0) {
            throw new IllegalArgumentException("heartbeat rate must be at least " + Heartbeat.MIN_RATE + ": " + rate);
        }
        return rate;
    }
}
