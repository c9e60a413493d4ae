package io.dmicro.spring.boot.autoconfigure.actuator;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code dmicro} health: UP while the endpoint runs (with its listeners and session count), DOWN before start and once stopping. */
public class DmicroHealthIndicator implements HealthIndicator {

    private final Endpoint endpoint;
    private final EndpointLifecycle lifecycle;

    DmicroHealthIndicator(Endpoint endpoint, EndpointLifecycle lifecycle) {
        this.endpoint = endpoint;
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        Health.Builder builder = lifecycle.isRunning() && !endpoint.isClosed() ? Health.up() : Health.down();
        return builder.withDetail("listeners", endpoint.listenAddresses().stream().map(DmicroEndpoint::format).toList())
                .withDetail("sessions", endpoint.sessionCount())
                .withDetail("closed", endpoint.isClosed())
                .build();
    }
}
