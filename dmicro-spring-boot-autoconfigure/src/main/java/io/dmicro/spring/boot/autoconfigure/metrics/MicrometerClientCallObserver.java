package io.dmicro.spring.boot.autoconfigure.metrics;

import io.dmicro.drpc.client.CallObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Times every attempt of a {@code @DrpcClient} as {@code dmicro.calls} with {@code role=client}, the
 * {@code route}, the {@code service} id and the {@code status} code; timeouts (408) and connection
 * failures (102, 105) included, which no engine hook reports.
 */
public final class MicrometerClientCallObserver implements CallObserver {

    private final MeterRegistry registry;

    public MicrometerClientCallObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempted(String serviceId, String route, String peer, int statusCode, Duration duration) {
        Timer.builder(DrpcMetricsPlugin.CALLS).description("drpc calls")
                .tag("route", route).tag("role", "client").tag("service", serviceId).tag("status", Integer.toString(statusCode))
                .register(registry).record(duration);
    }
}
