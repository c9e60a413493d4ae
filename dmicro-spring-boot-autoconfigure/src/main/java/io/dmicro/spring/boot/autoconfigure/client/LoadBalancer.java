package io.dmicro.spring.boot.autoconfigure.client;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;

/** Chooses one instance of a service for a call. Implementations are thread-safe. */
@FunctionalInterface
public interface LoadBalancer {

    /**
     * Picks one of {@code candidates}, which is never empty.
     *
     * @param candidates the reachable instances, in discovery order
     * @param pick what is known about the call and the peers
     */
    ServiceInstance choose(List<ServiceInstance> candidates, PickContext pick);
}
