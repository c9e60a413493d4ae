package io.dmicro.selector;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks at random in proportion to each instance's weight (0 never picked unless all are 0). */
public final class WeightedSelector implements Selector {

    @Override
    public Instance select(List<Instance> candidates, SelectContext context) {
        long total = 0;
        for (Instance instance : candidates) {
            total += instance.weight();
        }
        if (total == 0) {
            return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        }
        long ticket = ThreadLocalRandom.current().nextLong(total);
        for (Instance instance : candidates) {
            ticket -= instance.weight();
            if (ticket < 0) {
                return instance;
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
