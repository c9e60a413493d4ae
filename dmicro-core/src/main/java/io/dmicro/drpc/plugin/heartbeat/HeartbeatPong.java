package io.dmicro.drpc.plugin.heartbeat;

import io.dmicro.drpc.session.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Answers pings at {@link Heartbeat#ROUTE} and closes any session whose peer announced a rate
 * (meta {@code hb_}) and then was silent for twice that rate: a crashed peer, or one behind a
 * connection that went half-open. Any message from the peer counts as a sign of life.
 */
public final class HeartbeatPong extends HeartbeatSupport {

    private static final Duration TICK = Duration.ofSeconds(1);

    /** Checks every second on its own scheduler thread. */
    public HeartbeatPong() {
        this(Clock.systemUTC(), true);
    }

    /** Measures silence on {@code clock}; with {@code scheduled} false only {@link #tick()} checks. */
    public HeartbeatPong(Clock clock, boolean scheduled) {
        super(Objects.requireNonNull(clock, "clock"), scheduled);
    }

    @Override
    public String name() {
        return "heartbeatPong";
    }

    @Override
    Duration tickInterval() {
        return TICK;
    }

    @Override
    void tick(Session session, HeartbeatState state, long now) {
        // answering is the route's job; the silence check already ran
    }
}
