package io.dmicro.drpc.plugin.observation;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.List;

/**
 * Micrometer Tracing's test tracer ({@link SimpleTracer}) behind an observation registry, with a
 * minimal W3C {@code traceparent} propagator (the test tracer has none) and a meter registry, for
 * tests in this module and in the interop tests.
 */
public final class SimpleTracing {

    public final SimpleTracer tracer = new SimpleTracer();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final ObservationRegistry registry = ObservationRegistry.create();

    public SimpleTracing() {
        Propagator w3c = new TraceparentPropagator(tracer);
        registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, w3c),
                new PropagatingReceiverTracingObservationHandler<>(tracer, w3c),
                new DefaultTracingObservationHandler(tracer)));
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    }

    /** {@code traceparent: 00-<trace id>-<span id>-01}, nothing else. */
    static final class TraceparentPropagator implements Propagator {

        private final SimpleTracer tracer;

        TraceparentPropagator(SimpleTracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public List<String> fields() {
            return List.of("traceparent");
        }

        @Override
        public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
            setter.set(carrier, "traceparent", "00-" + context.traceId() + "-" + context.spanId() + "-01");
        }

        @Override
        public <C> Span.Builder extract(C carrier, Getter<C> getter) {
            String header = getter.get(carrier, "traceparent");
            String[] parts = header == null ? new String[0] : header.split("-");
            if (parts.length != 4) {
                return tracer.spanBuilder();
            }
            return tracer.spanBuilder().setParent(tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2]).sampled(true).build());
        }
    }
}
