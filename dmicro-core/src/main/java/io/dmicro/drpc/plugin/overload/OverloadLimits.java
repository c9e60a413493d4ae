package io.dmicro.drpc.plugin.overload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits of {@link OverloadProtection}. Zero or a negative value switches a limit off.
 *
 * @param maxConnections open sessions at once, accepted and dialed together
 * @param maxTotalRate calls and pushes per second over all routes
 * @param maxRouteRates calls and pushes per second for single service methods
 * @param maxCallsInFlightPerSession incoming calls and pushes whose handlers run at once on one session
 */
public record OverloadLimits(int maxConnections, int maxTotalRate, Map<String, Integer> maxRouteRates,
        int maxCallsInFlightPerSession) {

    /** No limit at all. */
    public static final OverloadLimits NONE = new OverloadLimits(0, 0, Map.of(), 0);

    public OverloadLimits {
        maxRouteRates = Map.copyOf(maxRouteRates);
    }

    public OverloadLimits withMaxConnections(int max) {
        return new OverloadLimits(max, maxTotalRate, maxRouteRates, maxCallsInFlightPerSession);
    }

    public OverloadLimits withMaxTotalRate(int perSecond) {
        return new OverloadLimits(maxConnections, perSecond, maxRouteRates, maxCallsInFlightPerSession);
    }

    public OverloadLimits withMaxRouteRate(String serviceMethod, int perSecond) {
        Map<String, Integer> m = new LinkedHashMap<>(maxRouteRates);
        m.put(serviceMethod, perSecond);
        return new OverloadLimits(maxConnections, maxTotalRate, m, maxCallsInFlightPerSession);
    }

    public OverloadLimits withMaxCallsInFlightPerSession(int max) {
        return new OverloadLimits(maxConnections, maxTotalRate, maxRouteRates, max);
    }
}
