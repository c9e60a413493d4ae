package io.dmicro.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks the instance with the fewest calls waiting for replies; ties are broken at random. */
public final class LeastInFlightSelector implements Selector {

    @Override
    public Instance select(List<Instance> candidates, SelectContext context) {
        int least = Integer.MAX_VALUE;
        List<Instance> best = new ArrayList<>();
        for (Instance instance : candidates) {
            int inFlight = context.callsInFlight().applyAsInt(instance);
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
