package io.dmicro.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in strategies without sockets (ServiceClientIntegrationTest runs them over loopback). */
class StrategyTest {

    private final List<Instance> three = List.of(Instance.of("h:1"), Instance.of("h:2"), Instance.of("h:3"));

    private static SelectContext context(Map<String, String> meta) {
        return new SelectContext("svc", "/r", meta, i -> 0);
    }

    @Test
    void roundRobinVisitsEachInstanceInTurn() {
        Selector s = Strategy.ROUND_ROBIN.create();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(s.select(three, context(Map.of())).address());
        }
        assertThat(picked).containsExactly("h:1", "h:2", "h:3", "h:1", "h:2", "h:3");
    }

    @Test
    void weightedNeverPicksZeroWeightAndFavoursHeavy() {
        List<Instance> weighted = List.of(Instance.of("h:1").withWeight(0), Instance.of("h:2").withWeight(9),
                Instance.of("h:3").withWeight(1));
        Map<String, Integer> counts = new HashMap<>();
        Selector s = Strategy.WEIGHTED.create();
        for (int i = 0; i < 1000; i++) {
            counts.merge(s.select(weighted, context(Map.of())).address(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("h:1");
        assertThat(counts.get("h:2")).isGreaterThan(4 * counts.getOrDefault("h:3", 0));
    }

    @Test
    void weightedWithEveryWeightZeroPicksAny() {
        List<Instance> off = List.of(Instance.of("h:1").withWeight(0), Instance.of("h:2").withWeight(0));
        assertThat(Strategy.WEIGHTED.create().select(off, context(Map.of()))).isIn(off);
    }

    @Test
    void leastInFlightPicksTheIdlestSession() {
        Selector s = Strategy.LEAST_IN_FLIGHT.create();
        SelectContext busy = new SelectContext("svc", "/r", Map.of(), i -> i.address().equals("h:2") ? 0 : 5);
        for (int i = 0; i < 10; i++) {
            assertThat(s.select(three, busy).address()).isEqualTo("h:2");
        }
    }

    @Test
    void consistentHashKeepsAKeyOnOneInstanceAndMovesFewKeysWhenOneLeaves() {
        Selector s = Strategy.CONSISTENT_HASH.create("user");
        Map<String, String> before = new HashMap<>();
        for (int k = 0; k < 300; k++) {
            String picked = s.select(three, context(Map.of("user", "u" + k))).address();
            assertThat(s.select(three, context(Map.of("user", "u" + k))).address()).isEqualTo(picked);
            before.put("u" + k, picked);
        }
        List<Instance> two = three.subList(0, 2);
        int moved = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = s.select(two, context(Map.of("user", e.getKey()))).address();
            if (!e.getValue().equals("h:3") && !now.equals(e.getValue())) {
                moved++;
            }
        }
        assertThat(moved).as("keys of the remaining instances stay put").isZero();
        assertThat(before.values()).contains("h:1", "h:2", "h:3");
    }

    @Test
    void consistentHashNeedsItsKey() {
        assertThatThrownBy(Strategy.CONSISTENT_HASH::create).hasMessageContaining("meta key");
    }

    @Test
    void negativeWeightIsRejectedNamingTheInstance() {
        assertThatThrownBy(() -> Instance.of("h:1").withWeight(-1)).hasMessage("weight of instance h:1 must not be negative: -1");
    }
}
