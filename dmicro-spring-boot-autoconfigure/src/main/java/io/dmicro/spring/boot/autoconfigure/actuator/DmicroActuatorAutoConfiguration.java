package io.dmicro.spring.boot.autoconfigure.actuator;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPing;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPong;
import io.dmicro.drpc.plugin.overload.OverloadProtection;
import io.dmicro.spring.boot.autoconfigure.client.ClientStates;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code dmicro} actuator endpoint and health indicator, when actuator is on the classpath. */
@AutoConfiguration(after = DmicroAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean({Endpoint.class, EndpointLifecycle.class})
public final class DmicroActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    DmicroEndpoint dmicroActuatorEndpoint(Endpoint endpoint, EndpointLifecycle lifecycle, DmicroProperties properties,
            ObjectProvider<OverloadProtection> overload, ObjectProvider<ClientStates> clients, ObjectProvider<HeartbeatPing> ping,
            ObjectProvider<HeartbeatPong> pong) {
        return new DmicroEndpoint(endpoint, lifecycle, properties.getEndpoint().getListen(), overload.getIfUnique(), () -> {
            ClientStates states = clients.getIfUnique();
            return states == null ? List.of() : states.states();
        }, ping.getIfUnique(), pong.getIfUnique());
    }

    /** Separate so that the endpoint works without spring-boot-health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("dmicro")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "dmicroHealthIndicator")
        DmicroHealthIndicator dmicroHealthIndicator(Endpoint endpoint, EndpointLifecycle lifecycle) {
            return new DmicroHealthIndicator(endpoint, lifecycle);
        }
    }
}
