package io.dmicro.spring.boot.autoconfigure.metrics;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.observation.DrpcClientObservationConvention;
import io.dmicro.drpc.plugin.observation.DrpcObservationPlugin;
import io.dmicro.drpc.plugin.observation.DrpcServerObservationConvention;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Observes every drpc call and push (served, sent on dialed and accepted sessions, {@code @DrpcClient}
 * calls) through the application's {@link ObservationRegistry} (Spring Boot's, from the actuator): the
 * registry's meter handler makes the {@code rpc.server.duration} and {@code rpc.client.duration} timers,
 * and a Micrometer Tracing bridge on the class path makes spans and carries W3C trace context in meta.
 * A {@link DrpcServerObservationConvention} or {@link DrpcClientObservationConvention} bean replaces the
 * default names and tags.
 */
@AutoConfiguration(after = DmicroAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, Endpoint.class})
@ConditionalOnBean(ObservationRegistry.class)
public final class DmicroObservationAutoConfiguration {

    /** First among plugins, so that it sees calls later plugins refuse. */
    @Bean
    @ConditionalOnMissingBean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public DrpcObservationPlugin dmicroObservationPlugin(ObservationRegistry registry,
            ObjectProvider<DrpcServerObservationConvention> serverConvention, ObjectProvider<DrpcClientObservationConvention> clientConvention) {
        return new DrpcObservationPlugin(registry, serverConvention.getIfUnique(), clientConvention.getIfUnique());
    }
}
