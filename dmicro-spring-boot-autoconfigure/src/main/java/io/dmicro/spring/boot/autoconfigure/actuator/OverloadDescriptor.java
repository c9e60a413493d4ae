package io.dmicro.spring.boot.autoconfigure.actuator;

import io.dmicro.drpc.plugin.overload.OverloadLimits;
import io.dmicro.drpc.plugin.overload.OverloadProtection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overload protection limits in force (0: off), and the sessions it counts now.
 *
 * @param maxConnections open sessions at once
 * @param maxTotalRate calls and pushes per second over all routes
 * @param maxRouteRates calls and pushes per second, by route
 * @param maxCallsInFlightPerSession handlers running at once on one session
 * @param connections the sessions counted against {@code maxConnections} now
 */
public record OverloadDescriptor(int maxConnections, int maxTotalRate, Map<String, Integer> maxRouteRates,
        int maxCallsInFlightPerSession, int connections) {

    static OverloadDescriptor of(OverloadProtection plugin) {
        OverloadLimits l = plugin.limits();
        return new OverloadDescriptor(l.maxConnections(), l.maxTotalRate(), new TreeMap<>(l.maxRouteRates()),
                l.maxCallsInFlightPerSession(), plugin.connections());
    }
}
