package io.dmicro.spring.boot.autoconfigure.actuator;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /actuator/dmicro} shows about the drpc endpoint.
 *
 * @param running whether the endpoint has started and not begun to stop
 * @param startTime when the endpoint was created
 * @param listeners the configured listen URIs with their bound addresses
 * @param proto the wire format of listeners and dials
 * @param defaultBodyCodec the codec of bodies that name none
 * @param codecs the body codecs, by name
 * @param filters the transfer filters, by name
 * @param plugins the endpoint's plugins in run order
 * @param routes the registered routes
 * @param sessionCount open sessions, accepted and dialed
 * @param callsInFlight our calls waiting for replies, over all sessions
 * @param handlersInFlight incoming calls and pushes being handled, over all sessions
 * @param overload the overload protection limits, or null when the plugin is not installed
 * @param heartbeat the heartbeat in force
 * @param clients the resilience state of each {@code @DrpcClient} service: circuit breaker, ejected instances, retry budget
 */
public record EndpointDescriptor(boolean running, Instant startTime, List<ListenerDescriptor> listeners, String proto,
        String defaultBodyCodec, List<String> codecs, List<String> filters, List<String> plugins, List<RouteDescriptor> routes,
        int sessionCount, int callsInFlight, int handlersInFlight, @Nullable OverloadDescriptor overload,
        HeartbeatDescriptor heartbeat, List<ClientDescriptor> clients) {
}
