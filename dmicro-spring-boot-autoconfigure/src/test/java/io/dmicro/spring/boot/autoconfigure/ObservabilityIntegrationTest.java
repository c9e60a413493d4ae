package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.spring.boot.autoconfigure.metrics.DmicroMetricsAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.metrics.DmicroObservationAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathClient;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.dmicro.drpc.Endpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observability as an application gets it from Spring Boot: a Prometheus registry that takes the
 * server and the client series of one application (fixed tag keys per name), and Boot's Brave tracer
 * carrying one trace from a {@code @DrpcClient} caller to the handler, with the trace id in both MDCs.
 */
class ObservabilityIntegrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class,
                    DmicroMetricsAutoConfiguration.class, DmicroObservationAutoConfiguration.class))
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0", "dmicro.endpoint.describe.enabled=false");

    @Test
    void prometheusTakesTheClientAndServerSeriesOfOneApplication() {
        runner.withUserConfiguration(SelfCallIntegrationTest.SelfListed.class).withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).run(context -> {
            MathClient client = context.getBean(MathClient.class);
            for (int i = 0; i < 3; i++) {
                assertThat(client.add(new Args(i, 1))).isEqualTo(i + 1);
            }
            PrometheusMeterRegistry prometheus = context.getBean(PrometheusMeterRegistry.class);
            Peers.await("the client observations ended", Duration.ofSeconds(10),
                    () -> prometheus.find("rpc.client.duration").timer() != null && prometheus.find("rpc.client.duration").timer().count() == 3);
            String scrape = prometheus.scrape();
            assertThat(scrape).contains("rpc_server_duration_seconds_count{dmicro_role=\"server\",error=\"none\",network_protocol_name=\"raw\","
                    + "rpc_dmicro_status_code=\"0\",rpc_dmicro_type=\"call\",rpc_method=\"/math/add\",rpc_system=\"dmicro\"} 3");
            assertThat(scrape).contains("rpc_client_duration_seconds_count{dmicro_role=\"client\",error=\"none\",network_protocol_name=\"raw\","
                    + "rpc_dmicro_status_code=\"0\",rpc_dmicro_type=\"call\",rpc_method=\"/math/add\",rpc_service=\"math-server\",rpc_system=\"dmicro\"} 3");
            assertThat(scrape).contains("dmicro_client_attempts_seconds_count{route=\"/math/add\",service=\"math-server\",status=\"0\"} 3");
        });
    }

    @Test
    void bootsBraveTracerCarriesOneTraceFromTheCallerToTheHandlerWithTheTraceIdInBothMdcs() {
        runner.withConfiguration(AutoConfigurations.of(MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class))
                .withUserConfiguration(Traced.class).withPropertyValues("management.tracing.sampling.probability=1.0").run(context -> {
                    ObservationRegistry registry = context.getBean(ObservationRegistry.class);
                    TraceClient client = context.getBean(TraceClient.class);
                    String callerTrace;
                    String handlerTrace;
                    Observation request = Observation.start("test.request", registry);
                    try (Observation.Scope scope = request.openScope()) {
                        callerTrace = MDC.get("traceId");
                        handlerTrace = client.mdc("x");
                    } finally {
                        request.stop();
                    }
                    assertThat(callerTrace).isNotBlank().hasSize(32);
                    assertThat(handlerTrace).as("the handler's MDC").isEqualTo(callerTrace);
                    List<MutableSpan> spans = context.getBean(Traced.class).spans;
                    Peers.await("client and server spans", Duration.ofSeconds(10), () -> spans.size() >= 3);
                    MutableSpan server = spans.stream().filter(s -> s.kind() == brave.Span.Kind.SERVER).findFirst().orElseThrow();
                    MutableSpan clientSpan = spans.stream().filter(s -> s.kind() == brave.Span.Kind.CLIENT).findFirst().orElseThrow();
                    assertThat(server.name()).isEqualTo("/trace/mdc");
                    assertThat(server.traceId()).isEqualTo(callerTrace);
                    assertThat(server.parentId()).isEqualTo(clientSpan.id());
                    assertThat(clientSpan.tags()).containsEntry("rpc.service", "math-server");
                });
    }

    /** Routes {@code /trace/mdc}: the trace id in the handler's MDC. */
    @DrpcService
    public static class TraceService {
        public String mdc(String ignored) {
            return String.valueOf(MDC.get("traceId"));
        }
    }

    @DrpcClient("math-server")
    public interface TraceClient {
        @DrpcRoute("/trace/mdc")
        String mdc(String ignored);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = TraceClient.class)
    static class Traced {

        final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

        @Bean
        TraceService traceService() {
            return new TraceService();
        }

        /** Lists the application's own endpoint as the one instance of math-server. */
        @Bean
        DiscoveryClient selfDiscovery(ObjectProvider<Endpoint> endpoint) {
            return new DiscoveryClient() {
                @Override
                public String description() {
                    return "self";
                }

                @Override
                public List<ServiceInstance> getInstances(String serviceId) {
                    int port = ((InetSocketAddress) endpoint.getObject().listenAddresses().get(0)).getPort();
                    return List.of(new DefaultServiceInstance("self", "math-server", "127.0.0.1", port, false));
                }

                @Override
                public List<String> getServices() {
                    return List.of("math-server");
                }
            };
        }

        @Bean
        SpanHandler collectingSpanHandler() {
            return new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    spans.add(span);
                    return true;
                }
            };
        }
    }
}
