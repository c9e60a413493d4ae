package io.dmicro.spring.boot.autoconfigure.metrics;

import io.dmicro.drpc.client.CallObserver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Times every attempt of a {@code @DrpcClient} as {@value #ATTEMPTS}, tagged with the {@code service}
 * id, the {@code route} and the {@code status} code (always these three keys): attempts that never
 * reached a session included (a failed dial, 105; no instance, 503), which the call observations
 * ({@code rpc.client.duration}) do not see.
 */
public final class MicrometerClientCallObserver implements CallObserver {

    /** The timer's name. */
    public static final String ATTEMPTS = "dmicro.client.attempts";

    /** Built once: a builder per attempt cost more than the attempt's own bookkeeping (Micrometer's advice for dynamic tags). */
    private final Meter.MeterProvider<Timer> attempts;

    public MicrometerClientCallObserver(MeterRegistry registry) {
        this.attempts = Timer.builder(ATTEMPTS).description("attempts of drpc client calls, by service").withRegistry(registry);
    }

    @Override
    public void attempted(String serviceId, String route, String peer, int statusCode, Duration duration) {
        attempts.withTags("service", serviceId, "route", route, "status", Integer.toString(statusCode)).record(duration);
    }
}
