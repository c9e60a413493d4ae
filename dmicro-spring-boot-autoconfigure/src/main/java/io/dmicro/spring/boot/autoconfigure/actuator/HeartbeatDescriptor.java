package io.dmicro.spring.boot.autoconfigure.actuator;

import org.jspecify.annotations.Nullable;

/**
 * The heartbeat in force.
 *
 * @param ping whether this endpoint pings quiet sessions
 * @param rate how often a quiet session is pinged (ISO-8601), or null without ping
 * @param mode how pings travel (CALL or PUSH), or null without ping
 * @param pong whether this endpoint answers peers' pings and closes sessions whose peer went silent
 */
public record HeartbeatDescriptor(boolean ping, @Nullable String rate, @Nullable String mode, boolean pong) {
}
