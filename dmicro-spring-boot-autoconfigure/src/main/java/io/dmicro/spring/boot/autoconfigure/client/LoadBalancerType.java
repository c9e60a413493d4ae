package io.dmicro.spring.boot.autoconfigure.client;

/** The built-in load-balancing strategies of {@code dmicro.client.load-balancer}. */
public enum LoadBalancerType {

    /** A uniformly random instance: the original's only strategy. */
    RANDOM,
    /** Each instance in turn. */
    ROUND_ROBIN,
    /** Random, in proportion to the instance metadata {@code dmicro.weight} (default 1). */
    WEIGHTED,
    /** The instance whose session has the fewest calls waiting for replies; ties at random. */
    LEAST_IN_FLIGHT,
    /** The instance a hash ring assigns to the value of a meta key; random when the call lacks the key. */
    CONSISTENT_HASH;

    /** A new balancer of this type; {@code hashKey} matters only to {@link #CONSISTENT_HASH}. */
    public LoadBalancer create(String hashKey) {
        return switch (this) {
            case RANDOM -> new RandomLoadBalancer();
            case ROUND_ROBIN -> new RoundRobinLoadBalancer();
            case WEIGHTED -> new WeightedLoadBalancer();
            case LEAST_IN_FLIGHT -> new LeastInFlightLoadBalancer();
            case CONSISTENT_HASH -> new ConsistentHashLoadBalancer(hashKey);
        };
    }
}
