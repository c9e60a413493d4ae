package io.dmicro.drpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.selector.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outlier ejection, retry backoff and the retry budget of {@link ServiceClient}, over real loopback
 * instances: two instances, one of them killed, calls keep succeeding and the dead one is ejected
 * after a single failed dial and probed back once it listens again.
 */
class ResilienceIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();
    private final Endpoint caller = peers.endpoint();

    @AfterEach
    void close() {
        peers.close();
    }

    private Endpoint server(String name) {
        Endpoint server = Endpoint.create(EndpointConfig.builder().build());
        server.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> {
            ran.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            return name;
        });
        return server;
    }

    private int ran(String name) {
        AtomicInteger n = ran.get(name);
        return n == null ? 0 : n.get();
    }

    /** Observes dial failures (105) per address. */
    private static final class Dials implements CallObserver {
        final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();

        @Override
        public void attempted(String service, String route, String peer, int statusCode, Duration duration) {
            if (statusCode == Status.DIAL_FAILED) {
                failed.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
            }
        }

        int failed(String address) {
            AtomicInteger n = failed.get(address);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    void aKilledInstanceIsEjectedAfterOneFailedDialAndProbedBackWhenItListensAgain() {
        Endpoint a = peers.endpoint(EndpointConfig.builder().build());
        a.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> "a");
        String addressA = Peers.listen(a);
        Endpoint b = server("b");
        String addressB = Peers.listen(b);
        int portB = Integer.parseInt(addressB.substring(addressB.lastIndexOf(':') + 1));
        Dials dials = new Dials();
        OutlierEjection ejection = OutlierEjection.builder().baseEjection(Duration.ofMillis(100)).maxEjection(Duration.ofMillis(400))
                .jitter(0).build();
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(addressA, addressB))
                .selector(Strategy.ROUND_ROBIN.create())
                .outlierEjection(ejection)
                .observer(dials)
                .build();
        for (int i = 0; i < 4; i++) {
            client.callSync("/svc/who", "?", String.class);
        }
        assertThat(ran("b")).isEqualTo(2);

        b.closeGracefully(Duration.ZERO).join();
        long killed = System.nanoTime();
        // every call succeeds; only the first that picks b pays its failed dial, and retries on a
        long ejectedAt = 0;
        int calls = 0;
        long minimum = System.nanoTime() + Duration.ofMillis(1200).toNanos();
        long until = System.nanoTime() + BOUND.toNanos();
        // at least 1.2 s of calls, and until the failed probes have ejected b three times (100, 200, 400 ms)
        while (System.nanoTime() < minimum || (System.nanoTime() < until && ejection.ejected().stream().allMatch(e -> e.ejections() < 3))) {
            assertThat(client.callSync("/svc/who", "?", String.class)).isEqualTo("a");
            calls++;
            if (ejectedAt == 0 && !ejection.ejected().isEmpty()) {
                ejectedAt = System.nanoTime();
            }
        }
        assertThat(ejectedAt).as("b ejected").isNotZero();
        System.out.printf("ejection: b ejected %.1f ms after it was killed; %d calls, all answered by a, %d failed dial(s) paid by callers%n",
                (ejectedAt - killed) / 1e6, calls, dials.failed(addressB));
        // the bound: the first call that picks b after it died ejects it (one failed dial), well within 2 s on loopback
        assertThat(Duration.ofNanos(ejectedAt - killed)).isLessThan(Duration.ofSeconds(2));
        assertThat(dials.failed(addressB)).as("failed dials callers paid").isEqualTo(1);
        // the probes kept failing, each ejection twice as long as the last: 100, 200, 400 (capped)
        OutlierEjection.Ejected out = ejection.ejected().get(0);
        assertThat(out.address()).isEqualTo(addressB);
        assertThat(out.ejections()).isGreaterThanOrEqualTo(3);
        assertThat(out.remaining()).isLessThanOrEqualTo(Duration.ofMillis(400));

        Endpoint back = peers.endpoint(EndpointConfig.builder().build());
        back.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> "b again");
        back.listen("tcp://127.0.0.1:" + portB);
        long listening = System.nanoTime();
        AtomicInteger answeredByB = new AtomicInteger();
        Peers.await("b back in rotation", BOUND, () -> {
            if ("b again".equals(client.callSync("/svc/who", "?", String.class))) {
                answeredByB.incrementAndGet();
            }
            return answeredByB.get() > 0;
        });
        long backAfter = System.nanoTime() - listening;
        System.out.printf("ejection: b back in rotation %.1f ms after it listened again (ejection then at most 400 ms)%n", backAfter / 1e6);
        // the ejection then lasted at most 400 ms; the probe dial and the next call that picks b follow
        assertThat(Duration.ofNanos(backAfter)).isLessThan(Duration.ofSeconds(5));
        assertThat(ejection.ejected()).isEmpty();
        assertThat(dials.failed(addressB)).as("no caller paid a failed dial while b was out").isEqualTo(1);
    }

    @Test
    void anInstanceThatRefusesIsEjectedAfterConsecutiveRefusals() {
        Endpoint a = server("a");
        String addressA = Peers.listen(a);
        Endpoint refusing = peers.endpoint(EndpointConfig.builder()
                .plugins((AfterReadCallHeader) ctx -> Status.withCause(Status.SERVICE_UNAVAILABLE, "draining")).build());
        refusing.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> "refusing ran");
        String addressR = Peers.listen(refusing);
        OutlierEjection ejection = OutlierEjection.builder().consecutiveFailures(3).baseEjection(Duration.ofSeconds(30)).build();
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(addressA, addressR))
                .selector(Strategy.ROUND_ROBIN.create())
                .outlierEjection(ejection)
                .retryBudget(RetryBudget.unlimited())
                .build();
        for (int i = 0; i < 20; i++) {
            assertThat(client.callSync("/svc/who", "?", String.class)).isEqualTo("a");
        }
        assertThat(ejection.ejected()).extracting(OutlierEjection.Ejected::address).containsExactly(addressR);
        a.close();
    }

    @Test
    void retriesPauseWithExponentialBackoff() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AfterReadCallHeader refuse = ctx -> {
            arrivals.add(System.nanoTime());
            return Status.withCause(Status.SERVICE_UNAVAILABLE, "busy");
        };
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Endpoint s = peers.endpoint(EndpointConfig.builder().plugins(refuse).build());
            s.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> "ran");
            addresses.add(Peers.listen(s));
        }
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(addresses.toArray(String[]::new)))
                .maxAttempts(4)
                .retryBackoff(new RetryBackoff(Duration.ofMillis(40), Duration.ofMillis(100), 2, 0.25))
                .retryBudget(RetryBudget.unlimited())
                .outlierEjection(OutlierEjection.disabled())
                .build();

        assertThatThrownBy(() -> client.callSync("/svc/who", "?", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE));
        assertThat(arrivals).hasSize(4);
        long[] expectedMillis = {40, 80, 100}; // doubling, capped at 100, each ±25 %
        for (int i = 1; i < 4; i++) {
            double gap = (arrivals.get(i) - arrivals.get(i - 1)) / 1e6;
            System.out.printf("backoff: pause before retry %d: %.1f ms (nominal %d)%n", i, gap, expectedMillis[i - 1]);
            assertThat(gap).as("pause before retry " + i).isGreaterThanOrEqualTo(expectedMillis[i - 1] * 0.75);
        }
    }

    @Test
    void theRetryBudgetBoundsRetriesOfAFailingService() {
        AtomicInteger arrived = new AtomicInteger();
        AfterReadCallHeader refuse = ctx -> {
            arrived.incrementAndGet();
            return Status.withCause(Status.SERVICE_UNAVAILABLE, "busy");
        };
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Endpoint s = peers.endpoint(EndpointConfig.builder().plugins(refuse).build());
            s.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> "ran");
            addresses.add(Peers.listen(s));
        }
        RetryBudget budget = RetryBudget.of(0.5, 2);
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(addresses.toArray(String[]::new)))
                .maxAttempts(3)
                .retryBackoff(RetryBackoff.NONE)
                .retryBudget(budget)
                .outlierEjection(OutlierEjection.disabled())
                .build();

        // the first call may retry twice (the full starting balance); then each call earns half a retry
        int[] attempts = new int[5];
        for (int i = 0; i < attempts.length; i++) {
            int before = arrived.get();
            assertThatThrownBy(() -> client.callSync("/svc/who", "?", String.class)).isInstanceOf(DrpcException.class);
            attempts[i] = arrived.get() - before;
        }
        assertThat(attempts).containsExactly(3, 1, 2, 1, 2);
        assertThat(budget.balance()).isLessThan(1);
    }

    @Test
    void aRetryAfterAFailedDialNeitherPausesNorSpendsTheBudget() throws Exception {
        Endpoint a = server("a");
        String addressA = Peers.listen(a);
        String dead;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = "127.0.0.1:" + free.getLocalPort();
        }
        RetryBudget budget = RetryBudget.of(0, 1);
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(dead, addressA))
                .selector(Strategy.ROUND_ROBIN.create())
                .retryBackoff(new RetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 0))
                .retryBudget(budget)
                .outlierEjection(OutlierEjection.disabled())
                .build();

        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            assertThat(client.callSync("/svc/who", "?", String.class)).isEqualTo("a");
        }
        // half the calls first met the dead address; had a retry paused, six calls would take 15 s
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(budget.balance()).isEqualTo(1.0);
        a.close();
    }

    @Test
    void anOpenServiceBreakerFailsCallsAtOnceWithoutSendingThem() {
        Endpoint a = server("a");
        String addressA = Peers.listen(a);
        AtomicInteger successes = new AtomicInteger();
        Breaker open = new Breaker() {
            @Override
            public boolean tryAcquire() {
                return false;
            }

            @Override
            public void onSuccess(long durationNanos) {
                successes.incrementAndGet();
            }

            @Override
            public void onFailure(long durationNanos, Throwable error) {
            }

            @Override
            public String state() {
                return "OPEN";
            }
        };
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(addressA))
                .breakers(service -> open)
                .build();

        assertThatThrownBy(() -> client.callSync("/svc/who", "?", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
                    assertThat(e.notExecuted()).isTrue();
                    assertThat(e.status().cause()).contains("circuit breaker of service who is OPEN");
                });
        assertThat(ran("a")).isZero();
        assertThat(client.state().breaker()).isEqualTo("OPEN");
        a.close();
    }

    @Test
    void anInstanceWhoseBreakerIsOpenIsNotChosen() {
        Endpoint a = server("a");
        Endpoint b = server("b");
        String addressA = Peers.listen(a);
        String addressB = Peers.listen(b);
        Breakers perInstance = new Breakers() {
            @Override
            public Breaker service(String service) {
                return null;
            }

            @Override
            public Breaker instance(String service, String address) {
                boolean isOpen = address.equals(addressB);
                return new Breaker() {
                    @Override
                    public boolean tryAcquire() {
                        return !isOpen;
                    }

                    @Override
                    public void onSuccess(long durationNanos) {
                    }

                    @Override
                    public void onFailure(long durationNanos, Throwable error) {
                    }

                    @Override
                    public String state() {
                        return isOpen ? "OPEN" : "CLOSED";
                    }
                };
            }
        };
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(addressA, addressB))
                .selector(Strategy.ROUND_ROBIN.create())
                .breakers(perInstance)
                .build();
        for (int i = 0; i < 6; i++) {
            assertThat(client.callSync("/svc/who", "?", String.class)).isEqualTo("a");
        }
        assertThat(ran("b")).isZero();
        ServiceClient onlyB = ServiceClient.builder(caller, "who").instances(InstanceSource.of(addressB)).breakers(perInstance).build();
        assertThatThrownBy(() -> onlyB.callSync("/svc/who", "?", String.class)).isInstanceOfSatisfying(DrpcException.class, e -> {
            assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
            assertThat(e.notExecuted()).isTrue();
            assertThat(e.status().cause()).contains("circuit breaker of instance " + addressB);
        });
        assertThat(ran("b")).isZero();
        a.close();
        b.close();
    }

    @Test
    void aRetryGetsOnlyWhatIsLeftOfTheCallsTimeout() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AfterReadCallHeader refuse = ctx -> {
            arrivals.add(System.nanoTime());
            return Status.withCause(Status.SERVICE_UNAVAILABLE, "busy");
        };
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Endpoint s = peers.endpoint(EndpointConfig.builder().plugins(refuse).build());
            s.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> "ran");
            addresses.add(Peers.listen(s));
        }
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(addresses.toArray(String[]::new)))
                .maxAttempts(3)
                .callTimeout(Duration.ofMillis(150))
                .retryBackoff(new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(100), 1, 0))
                .retryBudget(RetryBudget.unlimited())
                .outlierEjection(OutlierEjection.disabled())
                .build();

        // 100 ms pause fits the 150 ms once; a second would pass the deadline, so the call ends there
        assertThatThrownBy(() -> client.callSync("/svc/who", "?", String.class)).isInstanceOf(DrpcException.class);
        assertThat(arrivals).hasSize(2);
    }
}
