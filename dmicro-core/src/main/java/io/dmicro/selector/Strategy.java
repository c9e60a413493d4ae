package io.dmicro.selector;

/** The built-in selection strategies. */
public enum Strategy {

    /** A uniformly random instance: the Go original's only strategy. */
    RANDOM,
    /** Each instance in turn. */
    ROUND_ROBIN,
    /** Random, in proportion to each instance's {@link Instance#weight()}. */
    WEIGHTED,
    /** The instance whose session has the fewest calls waiting for replies; ties at random. */
    LEAST_IN_FLIGHT,
    /** The instance a hash ring assigns to the value of a meta key; random when the call lacks the key. */
    CONSISTENT_HASH;

    /** A new selector of this strategy; {@code hashKey} (the meta key) matters only to {@link #CONSISTENT_HASH}. */
    public Selector create(String hashKey) {
        return switch (this) {
            case RANDOM -> new RandomSelector();
            case ROUND_ROBIN -> new RoundRobinSelector();
            case WEIGHTED -> new WeightedSelector();
            case LEAST_IN_FLIGHT -> new LeastInFlightSelector();
            case CONSISTENT_HASH -> new ConsistentHashSelector(hashKey);
        };
    }

    /** A new selector of a strategy that reads no meta key. */
    public Selector create() {
        if (this == CONSISTENT_HASH) {
            throw new IllegalArgumentException("the consistent-hash strategy needs the meta key it hashes: create(hashKey)");
        }
        return create("");
    }
}
