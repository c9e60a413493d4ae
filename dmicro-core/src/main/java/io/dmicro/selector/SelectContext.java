package io.dmicro.selector;

import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What a {@link Selector} may look at when it picks an instance.
 *
 * @param service the service being called
 * @param route the route being called
 * @param meta the call's meta (a consistent hash reads its key here)
 * @param callsInFlight the calls waiting for replies on the session to an instance (0 without one)
 */
public record SelectContext(String service, String route, Map<String, String> meta, ToIntFunction<Instance> callsInFlight) {

    /** A context for a call without meta, to instances with no calls in flight. */
    public static SelectContext of(String service, String route) {
        return new SelectContext(service, route, Map.of(), i -> 0);
    }
}
