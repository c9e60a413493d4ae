package io.dmicro.drpc.plugin.heartbeat;

import io.dmicro.drpc.AfterNewEndpoint;
import io.dmicro.drpc.BeforeCloseEndpoint;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.AfterAccept;
import io.dmicro.drpc.plugin.AfterDial;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.AfterReadReplyHeader;
import io.dmicro.drpc.plugin.AfterWriteCall;
import io.dmicro.drpc.plugin.AfterWritePush;
import io.dmicro.drpc.plugin.AfterWriteReply;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.plugin.WriteContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What pinging and answering share: every read and write stamps the session, and each tick closes
 * the sessions whose peer was silent for twice the rate it announced. Time comes from a
 * {@link Clock}; ticks come from an own scheduler thread, or from the caller of {@link #tick()}.
 * The own scheduler ticks at the tick interval, and also just after the moment the first session
 * would pass its silence limit, so a dead peer is found within milliseconds of the limit.
 */
abstract class HeartbeatSupport implements AfterNewEndpoint, BeforeCloseEndpoint, AfterDial, AfterAccept,
        AfterReadCallHeader, AfterReadPushHeader, AfterReadReplyHeader, AfterWriteCall, AfterWritePush, AfterWriteReply {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSupport.class);

    final Clock clock;
    private final boolean scheduled;
    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private volatile @Nullable ScheduledExecutorService scheduler;

    HeartbeatSupport(Clock clock, boolean scheduled) {
        this.clock = clock;
        this.scheduled = scheduled;
    }

    /** How often the own scheduler ticks. */
    abstract Duration tickInterval();

    /** The per-session work of one tick, after the silence check passed. */
    abstract void tick(Session session, HeartbeatState state, long now);

    /** The silence this side tolerates before closing, besides twice the peer's announced rate; 0 for none. */
    long ownSilenceLimitMillis() {
        return 0;
    }

    /** Checks every open session once: closes the silent ones, then does this side's work. */
    public void tick() {
        runTick();
    }

    /**
     * One round; returns the milliseconds until the next round is due: the tick interval, or sooner
     * when a session will pass its silence limit before that, so that a dead peer is closed within a
     * few milliseconds of the limit rather than up to one interval after it.
     */
    private long runTick() {
        long now = clock.millis();
        long next = tickInterval().toMillis();
        for (Endpoint endpoint : endpoints) {
            for (Session session : endpoint.sessions()) {
                if (session.state() != SessionState.OK) {
                    continue;
                }
                HeartbeatState state = HeartbeatState.of(session, clock);
                if (closeIfSilent(session, state, now)) {
                    continue;
                }
                long limit = silenceLimit(state);
                if (limit > 0) {
                    next = Math.min(next, Math.max(1, state.lastReadMillis + limit + 1 - now));
                }
                try {
                    tick(session, state, now);
                } catch (RuntimeException e) {
                    log.warn("heartbeat of session {} failed", session.id(), e);
                }
            }
        }
        return next;
    }

    /** The silence after which the session is closed: the smaller of the two limits that apply; 0 for none. */
    private long silenceLimit(HeartbeatState state) {
        long peerLimit = state.peerRateMillis > 0 ? 2 * state.peerRateMillis : 0;
        long ownLimit = ownSilenceLimitMillis();
        if (peerLimit > 0 && ownLimit > 0) {
            return Math.min(peerLimit, ownLimit);
        }
        return Math.max(peerLimit, ownLimit);
    }

    private void scheduledTick() {
        ScheduledExecutorService s = scheduler;
        long next = tickInterval().toMillis();
        try {
            next = runTick();
        } catch (RuntimeException e) {
            log.warn("heartbeat round failed", e);
        }
        try {
            if (s != null && !s.isShutdown()) {
                s.schedule(this::scheduledTick, next, TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the endpoint is closing
        }
    }

    private boolean closeIfSilent(Session session, HeartbeatState state, long now) {
        long silent = now - state.lastReadMillis;
        long peerLimit = state.peerRateMillis > 0 ? 2 * state.peerRateMillis : 0;
        long ownLimit = ownSilenceLimitMillis();
        String reason = null;
        if (peerLimit > 0 && silent > peerLimit) {
            reason = "the peer announced a heartbeat every " + state.peerRateMillis + " ms";
        } else if (ownLimit > 0 && silent > ownLimit) {
            reason = "heartbeat calls go out every " + ownLimit / 2 + " ms";
        }
        if (reason == null) {
            return false;
        }
        log.warn("session {} ({}): nothing received for {} ms although {}; closing it as dead",
                session.id(), session.remoteAddress(), silent, reason);
        session.close(Duration.ZERO);
        return true;
    }

    void closeAfterFailedPing(Session session, Throwable error) {
        if (session.state() == SessionState.OK) {
            log.warn("session {}: heartbeat failed ({}); closing", session.id(), error.toString());
            session.close(Duration.ZERO);
        }
    }

    @Override
    public void afterNewEndpoint(Endpoint endpoint) {
        HeartbeatRoutes.install(endpoint.router(), clock);
        endpoints.add(endpoint);
        if (scheduled) {
            synchronized (this) {
                if (scheduler == null) {
                    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "drpc-" + name());
                        t.setDaemon(true);
                        return t;
                    });
                    scheduler = s;
                    s.schedule(this::scheduledTick, tickInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    @Override
    public void beforeCloseEndpoint(Endpoint endpoint) {
        endpoints.remove(endpoint);
        if (endpoints.isEmpty()) {
            synchronized (this) {
                ScheduledExecutorService s = scheduler;
                if (s != null) {
                    s.shutdownNow();
                    scheduler = null;
                }
            }
        }
    }

    @Override
    public Status afterDial(EarlySession session, boolean isRedial) {
        HeartbeatState state = HeartbeatState.of(session, clock);
        stampRead(state); // a redial starts a fresh silence count
        stampWrite(state);
        return Status.OK;
    }

    @Override
    public Status afterAccept(EarlySession session) {
        HeartbeatState.of(session, clock);
        return Status.OK;
    }

    @Override
    public Status afterReadCallHeader(ReadContext ctx) {
        stampRead(HeartbeatState.of(ctx.session(), clock));
        return Status.OK;
    }

    @Override
    public Status afterReadPushHeader(ReadContext ctx) {
        stampRead(HeartbeatState.of(ctx.session(), clock));
        return Status.OK;
    }

    @Override
    public Status afterReadReplyHeader(ReadContext ctx) {
        stampRead(HeartbeatState.of(ctx.session(), clock));
        return Status.OK;
    }

    @Override
    public Status afterWriteCall(WriteContext ctx) {
        stampWrite(HeartbeatState.of(ctx.session(), clock));
        return Status.OK;
    }

    @Override
    public Status afterWritePush(WriteContext ctx) {
        stampWrite(HeartbeatState.of(ctx.session(), clock));
        return Status.OK;
    }

    @Override
    public Status afterWriteReply(WriteContext ctx) {
        stampWrite(HeartbeatState.of(ctx.session(), clock));
        return Status.OK;
    }

    private void stampRead(HeartbeatState state) {
        state.lastReadMillis = clock.millis();
    }

    private void stampWrite(HeartbeatState state) {
        state.lastWriteMillis = clock.millis();
    }
}
