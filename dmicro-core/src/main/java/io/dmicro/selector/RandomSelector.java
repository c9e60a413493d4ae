package io.dmicro.selector;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks a uniformly random instance. */
public final class RandomSelector implements Selector {

    @Override
    public Instance select(List<Instance> candidates, SelectContext context) {
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }
}
