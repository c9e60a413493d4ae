package io.dmicro.drpc.client;

import io.dmicro.selector.Instance;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a {@link ServiceClient} learns the instances of its service: a fixed list, a registry
 * ({@link CachedInstances} caches any query), Spring Cloud's {@code DiscoveryClient}.
 */
public interface InstanceSource {

    /**
     * The instances now. The source may query on this thread only when {@code mayBlock}; otherwise
     * it answers from what it knows or completes the future later.
     */
    CompletableFuture<List<Instance>> instances(boolean mayBlock);

    /** Called after a connection error to one of the instances: the next answer should be fresh. */
    default void invalidate() {
    }

    /** A fixed list. */
    static InstanceSource of(List<Instance> instances) {
        List<Instance> fixed = List.copyOf(instances);
        return mayBlock -> CompletableFuture.completedFuture(fixed);
    }

    /** A fixed list of {@code host:port} addresses (or dial URIs), weight 1 each. */
    static InstanceSource of(String... addresses) {
        return of(Arrays.stream(addresses).map(Instance::of).toList());
    }
}
