package io.dmicro.drpc.plugin.observation;

import brave.Tracing;
import brave.baggage.BaggageField;
import brave.baggage.BaggagePropagation;
import brave.baggage.BaggagePropagationConfig;
import brave.context.slf4j.MDCScopeDecorator;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One service's real tracer, wired as Spring Boot wires Brave: W3C propagation (traceparent,
 * tracestate, baggage with a remote field {@code tenant}), trace and span ids in the MDC
 * ({@code traceId}, {@code spanId}), and its finished spans collected.
 */
final class BraveTracing implements AutoCloseable {

    static final String TENANT = "tenant";

    final List<MutableSpan> spans = new CopyOnWriteArrayList<>();
    final Tracing tracing;
    final Tracer tracer;
    final ObservationRegistry registry = ObservationRegistry.create();

    BraveTracing(String service) {
        BraveBaggageManager baggage = new BraveBaggageManager(List.of(), List.of(TENANT));
        ThreadLocalCurrentTraceContext current = ThreadLocalCurrentTraceContext.newBuilder()
                .addScopeDecorator(MDCScopeDecorator.get()).build();
        tracing = Tracing.newBuilder().localServiceName(service).currentTraceContext(current).sampler(Sampler.ALWAYS_SAMPLE).traceId128Bit(true)
                .propagationFactory(BaggagePropagation.newFactoryBuilder(new W3CPropagation(baggage, List.of()))
                        .add(BaggagePropagationConfig.SingleBaggageField.remote(BaggageField.create(TENANT))).build())
                .addSpanHandler(new SpanHandler() {
                    @Override
                    public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                        spans.add(span);
                        return true;
                    }
                }).build();
        tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(current), baggage);
        BravePropagator propagator = new BravePropagator(tracing);
        registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
    }

    MutableSpan span(String name, brave.Span.Kind kind) {
        return spans.stream().filter(s -> name.equals(s.name()) && kind == s.kind()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span " + name + " in " + spans));
    }

    @Override
    public void close() {
        tracing.close();
    }
}
