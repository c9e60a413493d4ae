package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.plugin.overload.OverloadLimits;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import java.util.Map;

/** {@code dmicro.endpoint.overload.*} as the engine's {@link OverloadLimits}, each value checked. */
public final class OverloadLimitsProperties {

    private static final String PREFIX = "dmicro.endpoint.overload.";

    private OverloadLimitsProperties() {
    }

    public static OverloadLimits limits(DmicroProperties.Overload p) {
        OverloadLimits limits = OverloadLimits.NONE.withMaxConnections(notNegative("max-connections", p.getMaxConnections()))
                .withMaxTotalRate(notNegative("max-total-rate", p.getMaxTotalRate()))
                .withMaxCallsInFlightPerSession(notNegative("max-calls-in-flight-per-session", p.getMaxCallsInFlightPerSession()));
        for (Map.Entry<String, Integer> e : p.getMaxRouteRates().entrySet()) {
            // the key is the route as written: max-route-rates[/math/add]=100 (brackets keep the slashes)
            limits = limits.withMaxRouteRate(e.getKey(), notNegative("max-route-rates[" + e.getKey() + "]", e.getValue()));
        }
        return limits;
    }

    private static int notNegative(String key, int value) {
        if (value < 0) {
            throw new DmicroConfigurationException(PREFIX + key, String.valueOf(value), "must not be negative",
                    "Set a positive limit, or 0 to switch it off.");
        }
        return value;
    }
}
