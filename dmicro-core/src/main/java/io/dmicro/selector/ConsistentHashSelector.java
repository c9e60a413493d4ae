package io.dmicro.selector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the instance that a hash ring (160 virtual nodes per instance) assigns to the value of one
 * meta key, so calls with the same key reach the same peer while the instance set is stable, and
 * only about 1/n of the keys move when an instance comes or goes. Calls without the key go to a
 * random instance.
 */
public final class ConsistentHashSelector implements Selector {

    private static final int VIRTUAL_NODES = 160;

    private final String hashKey;
    private volatile Ring ring = new Ring(List.of(), new TreeMap<>());

    public ConsistentHashSelector(String hashKey) {
        this.hashKey = hashKey;
    }

    public String hashKey() {
        return hashKey;
    }

    @Override
    public Instance select(List<Instance> candidates, SelectContext context) {
        String value = context.meta().get(hashKey);
        if (value == null) {
            return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        }
        List<String> addresses = candidates.stream().map(Instance::address).toList();
        Ring current = ring;
        if (!current.addresses.equals(addresses)) {
            current = Ring.of(addresses);
            ring = current;
        }
        Map.Entry<Long, String> node = current.nodes.ceilingEntry(hash(value));
        String address = (node != null ? node : current.nodes.firstEntry()).getValue();
        return candidates.get(addresses.indexOf(address));
    }

    /** 64-bit FNV-1a over the UTF-8 bytes, then a final mix so nearby strings spread over the ring. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private record Ring(List<String> addresses, TreeMap<Long, String> nodes) {
        static Ring of(List<String> addresses) {
            TreeMap<Long, String> nodes = new TreeMap<>();
            for (String address : addresses) {
                for (int i = 0; i < VIRTUAL_NODES; i++) {
                    nodes.put(hash(address + "#" + i), address);
                }
            }
            return new Ring(List.copyOf(addresses), nodes);
        }
    }
}
