package io.dmicro.drpc.plugin.heartbeat;

import io.dmicro.drpc.session.Session;
import java.time.Clock;

/** What the heartbeat plugins know about one session: when it last read and wrote, and the peer's announced rate. */
final class HeartbeatState {

    static final String ATTRIBUTE = "drpc.heartbeat";

    volatile long lastReadMillis;
    volatile long lastWriteMillis;
    /** The rate the peer announced in its pings, in ms; 0 when it announced none. */
    volatile long peerRateMillis;
    volatile boolean pingInFlight;
    volatile boolean warnedRejected;

    private HeartbeatState(long now) {
        this.lastReadMillis = now;
        this.lastWriteMillis = now;
    }

    static HeartbeatState of(Session session, Clock clock) {
        return (HeartbeatState) session.attributes().computeIfAbsent(ATTRIBUTE, k -> new HeartbeatState(clock.millis()));
    }

    static HeartbeatState of(io.dmicro.drpc.plugin.EarlySession session, Clock clock) {
        return (HeartbeatState) session.attributes().computeIfAbsent(ATTRIBUTE, k -> new HeartbeatState(clock.millis()));
    }
}
