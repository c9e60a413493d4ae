package io.dmicro.spring.boot.autoconfigure.metrics;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.client.CallObserver;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the endpoint when a {@link MeterRegistry} exists: {@code dmicro.client.attempts}
 * (every attempt of a {@code @DrpcClient}, dial failures included), the {@code dmicro.sessions.active}
 * gauge, and {@code dmicro.bytes} (function counters on the endpoint's proto bytes, {@code direction=in|out}).
 * Calls and pushes themselves are timed through Micrometer Observation ({@link DmicroObservationAutoConfiguration}).
 */
@AutoConfiguration(after = DmicroAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, Endpoint.class})
@ConditionalOnBean({MeterRegistry.class, Endpoint.class})
public final class DmicroMetricsAutoConfiguration {

    /** Bytes in and out, tagged {@code direction}. */
    public static final String BYTES = "dmicro.bytes";

    @Bean
    @ConditionalOnMissingBean(CallObserver.class)
    public MicrometerClientCallObserver dmicroClientCallObserver(MeterRegistry registry) {
        return new MicrometerClientCallObserver(registry);
    }

    @Bean
    public MeterBinder dmicroSessionsGauge(Endpoint endpoint) {
        return registry -> Gauge.builder("dmicro.sessions.active", endpoint, Endpoint::sessionCount)
                .description("open drpc sessions, accepted and dialed").register(registry);
    }

    /** The endpoint's own monotonic counts of proto bytes over every connection: frames, headers and meta included. */
    @Bean
    public MeterBinder dmicroBytesCounters(Endpoint endpoint) {
        return registry -> {
            FunctionCounter.builder(BYTES, endpoint, Endpoint::bytesReceived).tag("direction", "in").baseUnit("bytes")
                    .description("proto bytes received over all drpc connections").register(registry);
            FunctionCounter.builder(BYTES, endpoint, Endpoint::bytesSent).tag("direction", "out").baseUnit("bytes")
                    .description("proto bytes sent over all drpc connections").register(registry);
        };
    }
}
