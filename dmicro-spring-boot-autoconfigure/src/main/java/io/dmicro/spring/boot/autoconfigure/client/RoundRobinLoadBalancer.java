package io.dmicro.spring.boot.autoconfigure.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.client.ServiceInstance;

/** Picks each instance in turn, in discovery order. */
public final class RoundRobinLoadBalancer implements LoadBalancer {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public ServiceInstance choose(List<ServiceInstance> candidates, PickContext pick) {
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }
}
