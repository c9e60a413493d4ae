package io.dmicro.selector;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Picks each instance in turn, in registry order. */
public final class RoundRobinSelector implements Selector {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Instance select(List<Instance> candidates, SelectContext context) {
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }
}
