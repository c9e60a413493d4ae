package io.dmicro.selector;

import java.util.Map;
import java.util.Objects;

/**
 * One instance of a service as a selector sees it.
 *
 * @param address the instance's identity, {@code host:port}: calls to equal addresses share a session
 * @param dialUri what to dial to reach it: the address, or a URI such as {@code tls://host:port?ca=…}
 * @param weight a non-negative weight for the weighted strategy; 1 by default, 0 never picked unless all are 0
 * @param metadata what the registry says about it
 */
public record Instance(String address, String dialUri, int weight, Map<String, String> metadata) {

    public Instance {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dialUri, "dialUri");
        if (weight < 0) {
            throw new IllegalArgumentException("weight of instance " + address + " must not be negative: " + weight);
        }
        metadata = Map.copyOf(metadata);
    }

    /** An instance dialed at its address, weight 1, no metadata. */
    public static Instance of(String address) {
        return new Instance(address, address, 1, Map.of());
    }

    public Instance withWeight(int newWeight) {
        return new Instance(address, dialUri, newWeight, metadata);
    }
}
