package io.dmicro.spring.boot.autoconfigure.metrics;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.client.ClientCallObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the endpoint when a {@link MeterRegistry} exists: the {@link DrpcMetricsPlugin}
 * (server calls, pushes, body bytes), client call timing, and the {@code dmicro.sessions.active} gauge.
 */
@AutoConfiguration(after = DmicroAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, Endpoint.class})
@ConditionalOnBean({MeterRegistry.class, Endpoint.class})
public class DmicroMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public DrpcMetricsPlugin dmicroMetricsPlugin(MeterRegistry registry, ObjectProvider<Endpoint> endpoint) {
        // the endpoint is built with this plugin, so it is looked up only when a route needs a tag
        return new DrpcMetricsPlugin(registry, route -> endpoint.getObject().router().lookup(route) != null);
    }

    @Bean
    @ConditionalOnMissingBean(ClientCallObserver.class)
    public MicrometerClientCallObserver dmicroClientCallObserver(MeterRegistry registry) {
        return new MicrometerClientCallObserver(registry);
    }

    @Bean
    public MeterBinder dmicroSessionsGauge(Endpoint endpoint) {
        return registry -> Gauge.builder("dmicro.sessions.active", endpoint, Endpoint::sessionCount)
                .description("open drpc sessions, accepted and dialed").register(registry);
    }
}
