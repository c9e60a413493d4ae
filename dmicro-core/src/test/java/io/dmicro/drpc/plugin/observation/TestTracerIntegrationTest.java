package io.dmicro.drpc.plugin.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.testing.Peers;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.test.simple.SimpleSpan;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Observations with Micrometer Tracing's test tracer and a meter registry on both endpoints: spans
 * and their parents, the meters' names and fixed tag keys, unknown routes as one value, a timeout's
 * 408, and nothing added to meta when the registry is a no-op.
 */
class TestTracerIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final SimpleTracing client = new SimpleTracing();
    private final SimpleTracing server = new SimpleTracing();

    @AfterEach
    void stop() {
        peers.close();
    }

    private Session connect(ObservationRegistry clientRegistry, ObservationRegistry serverRegistry) {
        Endpoint s = peers.endpoint(EndpointConfig.builder().plugins(new DrpcObservationPlugin(serverRegistry)).build());
        s.router().routeCallFunc("/svc/meta", String.class, (ctx, arg) -> String.valueOf(ctx.meta().get("traceparent")));
        s.router().routeCallFunc("/svc/never", String.class, (ctx, arg) -> new CompletableFuture<String>());
        Endpoint c = peers.endpoint(EndpointConfig.builder().plugins(new DrpcObservationPlugin(clientRegistry)).build());
        return Peers.dial(c, s);
    }

    private static boolean oneEndedSpan(SimpleTracing tracing) {
        java.util.Deque<SimpleSpan> spans = tracing.tracer.getSpans();
        return spans.size() == 1 && spans.getFirst().getEndTimestamp().toEpochMilli() != 0;
    }

    @Test
    void theServerSpanIsAChildOfTheClientSpanInTheSameTrace() throws Exception {
        Session s = connect(client.registry, server.registry);
        String traceparent = s.call("/svc/meta", "x", String.class).get(10, TimeUnit.SECONDS);

        // a span is listed from its start; the client's ends as the reply completes, possibly just after the caller saw it
        Peers.await("both spans ended", BOUND, () -> oneEndedSpan(client) && oneEndedSpan(server));
        SimpleSpan c = client.tracer.onlySpan();
        SimpleSpan sv = server.tracer.onlySpan();
        assertThat(c.getKind()).isEqualTo(Span.Kind.CLIENT);
        assertThat(sv.getKind()).isEqualTo(Span.Kind.SERVER);
        assertThat(c.getName()).isEqualTo("/svc/meta");
        assertThat(sv.getTraceId()).isEqualTo(c.getTraceId());
        assertThat(sv.getParentId()).isEqualTo(c.getSpanId());
        assertThat(traceparent).as("what the handler saw in meta").isEqualTo("00-" + c.getTraceId() + "-" + c.getSpanId() + "-01");
    }

    @Test
    void metersHaveFixedTagKeysPerNameUnknownRoutesAsOneValueAndTimeoutsAs408() throws Exception {
        Session s = connect(client.registry, server.registry);
        s.call("/svc/meta", "x", String.class).get(10, TimeUnit.SECONDS);
        for (String route : new String[] {"/no/such", "/or/this"}) {
            assertThatThrownBy(() -> s.call(route, "x", String.class).get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DrpcException.class);
        }
        assertThatThrownBy(() -> s.call("/svc/never", "x", String.class, CallOptions.DEFAULT.withTimeout(Duration.ofMillis(50)))
                .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DrpcException.class);
        s.push("/svc/meta", "x").get(10, TimeUnit.SECONDS);

        Peers.await("the client's five observations", BOUND, () -> client.meters.find("rpc.client.duration").timers().stream()
                .mapToLong(t -> t.count()).sum() == 5);
        assertThat(client.meters.get("rpc.client.duration").tags("rpc.method", "/svc/never", "rpc.dmicro.status_code", "408").timer().count())
                .isEqualTo(1);
        assertThat(client.meters.get("rpc.client.duration").tags("rpc.dmicro.type", "push", "rpc.service", "none").timer().count()).isEqualTo(1);
        Peers.await("the server's push observation", BOUND, () -> server.meters.find("rpc.server.duration").tag("rpc.dmicro.type", "push").timer() != null);
        assertThat(server.meters.get("rpc.server.duration").tags("rpc.method", "UNKNOWN", "rpc.dmicro.status_code", "404").timer().count())
                .as("two unknown routes, one tag value").isEqualTo(2);
        assertThat(server.meters.get("rpc.server.duration").tags("rpc.method", "/svc/meta", "rpc.dmicro.type", "call").timer().count()).isEqualTo(1);

        for (var meters : new io.micrometer.core.instrument.MeterRegistry[] {client.meters, server.meters}) {
            var keysByName = meters.getMeters().stream().collect(Collectors.groupingBy(m -> m.getId().getName(),
                    Collectors.mapping(TestTracerIntegrationTest::keys, Collectors.toSet())));
            keysByName.forEach((name, keySets) -> assertThat(keySets).as("tag keys of " + name).hasSize(1));
        }
        assertThat(keys(client.meters.get("rpc.client.duration").timer())).contains("rpc.system", "rpc.method", "rpc.service",
                "rpc.dmicro.status_code", "rpc.dmicro.type", "dmicro.role", "network.protocol.name");
        assertThat(keys(server.meters.get("rpc.server.duration").timer())).contains("rpc.system", "rpc.method",
                "rpc.dmicro.status_code", "rpc.dmicro.type", "dmicro.role", "network.protocol.name").doesNotContain("rpc.service");
    }

    @Test
    void aNoopRegistryObservesNothingAndAddsNothingToMeta() throws Exception {
        Session s = connect(ObservationRegistry.NOOP, ObservationRegistry.NOOP);
        assertThat(s.call("/svc/meta", "x", String.class).get(10, TimeUnit.SECONDS)).isEqualTo("null");
        Observation parent = Observation.start("test.request", client.registry);
        try (Observation.Scope scope = parent.openScope()) {
            assertThat(s.call("/svc/meta", "x", String.class).get(10, TimeUnit.SECONDS)).as("even inside a traced caller").isEqualTo("null");
        } finally {
            parent.stop();
        }
    }

    private static Set<String> keys(Meter m) {
        return m.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
    }
}
