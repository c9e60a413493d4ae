package io.dmicro.spring.boot.autoconfigure.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

class LoadBalancersTest {

    private static ServiceInstance instance(int port, Map<String, String> metadata) {
        return new DefaultServiceInstance("i" + port, "svc", "127.0.0.1", port, false, metadata);
    }

    private final List<ServiceInstance> three = List.of(instance(1, Map.of()), instance(2, Map.of()), instance(3, Map.of()));

    private static PickContext pick(Map<String, String> meta) {
        return new PickContext("svc", "/r", meta, i -> 0);
    }

    @Test
    void roundRobinVisitsEachInstanceInTurn() {
        LoadBalancer lb = LoadBalancerType.ROUND_ROBIN.create("k");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ports.add(lb.choose(three, pick(Map.of())).getPort());
        }
        assertThat(ports).containsExactly(1, 2, 3, 1, 2, 3);
    }

    @Test
    void weightedNeverPicksZeroWeightAndFavoursHeavy() {
        List<ServiceInstance> weighted = List.of(instance(1, Map.of("dmicro.weight", "0")), instance(2, Map.of("dmicro.weight", "9")),
                instance(3, Map.of("dmicro.weight", "1")));
        Map<Integer, Integer> counts = new HashMap<>();
        LoadBalancer lb = LoadBalancerType.WEIGHTED.create("k");
        for (int i = 0; i < 1000; i++) {
            counts.merge(lb.choose(weighted, pick(Map.of())).getPort(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey(1);
        assertThat(counts.get(2)).isGreaterThan(counts.getOrDefault(3, 0));
    }

    @Test
    void leastInFlightPicksTheIdlestSession() {
        LoadBalancer lb = LoadBalancerType.LEAST_IN_FLIGHT.create("k");
        PickContext pick = new PickContext("svc", "/r", Map.of(), i -> i.getPort() == 2 ? 0 : 5);
        for (int i = 0; i < 10; i++) {
            assertThat(lb.choose(three, pick).getPort()).isEqualTo(2);
        }
    }

    @Test
    void consistentHashKeepsAKeyOnOneInstanceAndMovesFewKeysWhenOneLeaves() {
        LoadBalancer lb = LoadBalancerType.CONSISTENT_HASH.create("user");
        Map<String, Integer> before = new HashMap<>();
        for (int k = 0; k < 300; k++) {
            int port = lb.choose(three, pick(Map.of("user", "u" + k))).getPort();
            assertThat(lb.choose(three, pick(Map.of("user", "u" + k))).getPort()).isEqualTo(port);
            before.put("u" + k, port);
        }
        List<ServiceInstance> two = three.subList(0, 2);
        int moved = 0;
        for (Map.Entry<String, Integer> e : before.entrySet()) {
            int now = lb.choose(two, pick(Map.of("user", e.getKey()))).getPort();
            if (e.getValue() != 3 && now != e.getValue()) {
                moved++;
            }
        }
        assertThat(moved).as("keys of the remaining instances stay put").isZero();
        assertThat(before.values()).contains(1, 2, 3);
    }

    @Test
    void instanceAddressPrefersTheDrpcPortMetadata() {
        assertThat(InstanceMetadata.address(instance(8080, Map.of("dmicro.port", "9090")))).isEqualTo("127.0.0.1:9090");
        assertThat(InstanceMetadata.address(instance(8080, Map.of("dmicro.port", "x")))).isEqualTo("127.0.0.1:8080");
        assertThat(InstanceMetadata.address(new DefaultServiceInstance("i", "s", "::1", 9, false))).isEqualTo("[::1]:9");
    }
}
