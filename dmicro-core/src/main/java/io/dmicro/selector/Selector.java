package io.dmicro.selector;

import java.util.List;

/**
 * Chooses one instance of a service for a call. Implementations are thread-safe; the built-ins are
 * made by {@link Strategy}. Implement it for a strategy of your own. A client does not ask it when the
 * service lists a single instance and that one is in rotation: it is chosen.
 */
@FunctionalInterface
public interface Selector {

    /**
     * Picks one of {@code candidates}, which is never empty.
     *
     * @param candidates the instances still worth trying for this call, in registry order
     * @param context what is known about the call and the instances
     */
    Instance select(List<Instance> candidates, SelectContext context);
}
