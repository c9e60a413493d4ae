package io.dmicro.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.observation.DrpcObservationPlugin;
import io.dmicro.drpc.plugin.observation.SimpleTracing;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.test.simple.SimpleSpan;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Go original knows no tracing: it gets the W3C trace context of a traced Java caller as plain meta. */
class TraceContextInteropTest {

    @Test
    void aGoServerReceivesTheJavaCallersTraceparentAsPlainMeta() {
        SimpleTracing tracing = new SimpleTracing();
        try (GoServer go = GoServer.start("-protos", "raw");
                Endpoint java = Endpoint.create(EndpointConfig.builder().plugins(new DrpcObservationPlugin(tracing.registry)).build())) {
            Session s = java.dial("tcp://" + go.address("raw"));
            Observation request = Observation.start("test.request", tracing.registry);
            Map<String, String> meta;
            try (Observation.Scope scope = request.openScope()) {
                meta = JavaRoutes.metaOf(Session.await(s.callForReply("/meta", null, Map.class, CallOptions.DEFAULT)).body());
            } finally {
                request.stop();
            }
            // the client observation stops (and names its span) as the reply completes, which may be just after the caller saw it
            Peers.await("the client span of /meta", Duration.ofSeconds(10),
                    () -> tracing.tracer.getSpans().stream().anyMatch(sp -> "/meta".equals(sp.getName())));
            SimpleSpan client = tracing.tracer.getSpans().stream().filter(sp -> "/meta".equals(sp.getName())).findFirst().orElseThrow();
            assertThat(meta).containsEntry("traceparent", "00-" + client.getTraceId() + "-" + client.getSpanId() + "-01");
        }
    }
}
