package io.dmicro.spring.boot.autoconfigure.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.cloud.client.ServiceInstance;

/** Picks the instance with the fewest calls waiting for replies; ties are broken at random. */
public final class LeastInFlightLoadBalancer implements LoadBalancer {

    @Override
    public ServiceInstance choose(List<ServiceInstance> candidates, PickContext pick) {
        int least = Integer.MAX_VALUE;
        List<ServiceInstance> best = new ArrayList<>();
        for (ServiceInstance instance : candidates) {
            int inFlight = pick.callsInFlight().applyAsInt(instance);
            if (inFlight < least) {
                least = inFlight;
                best.clear();
            }
            if (inFlight == least) {
                best.add(instance);
            }
        }
        return best.get(ThreadLocalRandom.current().nextInt(best.size()));
    }
}
