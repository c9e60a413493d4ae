package io.dmicro.spring.boot.autoconfigure.actuator;

import java.time.Instant;
import java.util.Set;

/**
 * One session.
 *
 * @param id the session id (by default the peer's address on an accepted session, ours on a dialed one)
 * @param remoteAddress the peer's address
 * @param localAddress our address
 * @param dialed whether this end dialed
 * @param state the session state
 * @param createdAt when the connection was made
 * @param ageMillis how long ago that was
 * @param lastActivity when a message last went either way
 * @param callsInFlight our calls waiting for the peer's replies
 * @param handlersInFlight the peer's calls and pushes being handled here
 * @param attributes the names of the session's attributes (values are not shown)
 */
public record SessionDescriptor(String id, String remoteAddress, String localAddress, boolean dialed, String state, Instant createdAt,
        long ageMillis, Instant lastActivity, int callsInFlight, int handlersInFlight, Set<String> attributes) {
}
