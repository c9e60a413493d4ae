/**
 * Micrometer Observation of drpc calls and pushes, both ways, and W3C trace context carried in meta
 * ({@code traceparent}, {@code tracestate}, {@code baggage}). Needs {@code micrometer-observation} on
 * the class path (an optional dependency of the core); register a {@link
 * io.dmicro.drpc.plugin.observation.DrpcObservationPlugin} with the endpoint.
 */
@NullMarked
package io.dmicro.drpc.plugin.observation;

import org.jspecify.annotations.NullMarked;
