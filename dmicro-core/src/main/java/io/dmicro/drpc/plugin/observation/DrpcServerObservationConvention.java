package io.dmicro.drpc.plugin.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observation of a received call or push; implement it to replace the default. */
public interface DrpcServerObservationConvention extends ObservationConvention<DrpcServerContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof DrpcServerContext;
    }
}
