package io.dmicro.spring.boot.autoconfigure.client;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.cloud.client.ServiceInstance;

/** Picks a uniformly random instance. */
public final class RandomLoadBalancer implements LoadBalancer {

    @Override
    public ServiceInstance choose(List<ServiceInstance> candidates, PickContext pick) {
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }
}
