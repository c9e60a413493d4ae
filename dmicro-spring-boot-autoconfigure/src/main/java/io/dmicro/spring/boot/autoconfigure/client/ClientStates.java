package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.client.ServiceClient;
import java.util.List;

/** The resilience state of the {@code @DrpcClient} services, as the actuator shows it; the {@link DrpcClientFactory} is one. */
@FunctionalInterface
public interface ClientStates {

    /** Breaker state, ejected instances and retry budget of every client built so far, by service id. */
    List<ServiceClient.State> states();
}
