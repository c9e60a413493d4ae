package io.dmicro.drpc.plugin.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observation of a sent call or push; implement it to replace the default. */
public interface DrpcClientObservationConvention extends ObservationConvention<DrpcClientContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof DrpcClientContext;
    }
}
