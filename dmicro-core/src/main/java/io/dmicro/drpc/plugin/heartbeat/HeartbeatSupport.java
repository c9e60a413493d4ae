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
        long now = clock.millis();
        for (Endpoint endpoint : endpoints) {
            for (Session session : endpoint.sessions()) {
                if (session.state() != SessionState.OK) {
                    continue;
                }
                HeartbeatState state = HeartbeatState.of(session, clock);
                if (closeIfSilent(session, state, now)) {
                    continue;
                }
                try {
                    tick(session, state, now);
                } catch (RuntimeException e) {
                    log.warn("heartbeat of session {} failed", session.id(), e);
                }
            }
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
                    long period = tickInterval().toMillis();
                    s.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
                    scheduler = s;
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
