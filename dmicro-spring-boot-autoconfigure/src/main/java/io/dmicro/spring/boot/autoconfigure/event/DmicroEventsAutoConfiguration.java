package io.dmicro.spring.boot.autoconfigure.event;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.event.SessionEventsPlugin;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The engine's {@link SessionEventsPlugin}, registered with the endpoint like any Plugin bean, whose
 * events are published as {@link DmicroSessionEvent}s. On unless {@code dmicro.events.enabled=false};
 * it runs after the application's plugins, so that sessions an auth or overload plugin refuses are
 * not announced.
 */
@AutoConfiguration(after = DmicroAutoConfiguration.class)
@ConditionalOnBean(Endpoint.class)
@ConditionalOnBooleanProperty(name = "dmicro.events.enabled", matchIfMissing = true)
public final class DmicroEventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @Order(Ordered.LOWEST_PRECEDENCE)
    public SessionEventsPlugin dmicroSessionEventsPlugin(ApplicationEventPublisher publisher, DmicroProperties properties) {
        return new SessionEventsPlugin(new ApplicationEventSessionListener(publisher, properties.getEvents().isReceived()));
    }
}
