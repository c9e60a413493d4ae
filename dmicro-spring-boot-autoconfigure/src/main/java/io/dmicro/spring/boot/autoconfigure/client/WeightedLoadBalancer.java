package io.dmicro.spring.boot.autoconfigure.client;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.cloud.client.ServiceInstance;

/** Picks at random in proportion to each instance's {@code dmicro.weight} metadata (default 1, 0 never picked unless all are 0). */
public final class WeightedLoadBalancer implements LoadBalancer {

    @Override
    public ServiceInstance choose(List<ServiceInstance> candidates, PickContext pick) {
        long total = 0;
        int[] weights = new int[candidates.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = InstanceMetadata.weight(candidates.get(i));
            total += weights[i];
        }
        if (total == 0) {
            return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        }
        long ticket = ThreadLocalRandom.current().nextLong(total);
        for (int i = 0; i < weights.length; i++) {
            ticket -= weights[i];
            if (ticket < 0) {
                return candidates.get(i);
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
