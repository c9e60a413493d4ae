package io.dmicro.drpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.transport.SessionChannels;
import io.dmicro.selector.Instance;
import io.dmicro.selector.Selector;
import io.dmicro.selector.Strategy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ServiceClient} over real loopback instances: each strategy spreads calls as it claims, and failures retry only when safe. */
class ServiceClientIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    /** Which instance ran each call, by instance name. */
    private final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();
    private final Endpoint caller = peers.endpoint();

    @AfterEach
    void close() {
        peers.close();
    }

    /** An instance answering {@code /svc/who} with its name; returns its address. */
    private String instance(String name) {
        return instance(name, EndpointConfig.builder().build());
    }

    private String instance(String name, EndpointConfig config) {
        Endpoint server = peers.endpoint(config);
        server.router().routeCallFunc("/svc/who", String.class, (ctx, arg) -> {
            ran.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            return name;
        });
        return Peers.listen(server);
    }

    private int ran(String name) {
        AtomicInteger n = ran.get(name);
        return n == null ? 0 : n.get();
    }

    private List<String> callWho(ServiceClient client, int times) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            answers.add(client.callSync("/svc/who", "?", String.class));
        }
        return answers;
    }

    @Test
    void roundRobinTakesEachInstanceInTurn() {
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(instance("a"), instance("b"), instance("c")))
                .selector(Strategy.ROUND_ROBIN.create())
                .build();

        assertThat(callWho(client, 6)).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void theSelectorChoosesOnlyAmongSeveralInstances() {
        AtomicInteger asked = new AtomicInteger();
        Selector first = (candidates, context) -> {
            asked.incrementAndGet();
            return candidates.get(0);
        };
        String a = instance("a");
        ServiceClient one = ServiceClient.builder(caller, "who").instances(InstanceSource.of(a)).selector(first).build();
        ServiceClient two = ServiceClient.builder(caller, "who").instances(InstanceSource.of(a, instance("b"))).selector(first).build();

        assertThat(callWho(one, 3)).containsExactly("a", "a", "a");
        assertThat(asked).as("a single instance in rotation is chosen without asking").hasValue(0);
        assertThat(callWho(two, 3)).containsExactly("a", "a", "a");
        assertThat(asked).hasValue(3);
    }

    @Test
    void randomReachesEveryInstanceAboutEvenly() {
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(instance("a"), instance("b"), instance("c")))
                .selector(Strategy.RANDOM.create())
                .build();

        callWho(client, 300);
        // 100 each expected; below 50 has a chance under 1e-8 for a fair pick
        assertThat(List.of(ran("a"), ran("b"), ran("c"))).allSatisfy(n -> assertThat(n).isGreaterThan(50));
    }

    @Test
    void weightedSpreadsInProportionToTheWeights() {
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(List.of(Instance.of(instance("light")).withWeight(1),
                        Instance.of(instance("heavy")).withWeight(3), Instance.of(instance("off")).withWeight(0))))
                .selector(Strategy.WEIGHTED.create())
                .build();

        callWho(client, 400);
        assertThat(ran("off")).isZero();
        assertThat(ran("light")).isBetween(50, 150); // 100 expected
        assertThat(ran("heavy")).isGreaterThan(2 * ran("light"));
    }

    @Test
    void leastInFlightSendsNewCallsToTheLessBusyInstance() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> addresses = new ArrayList<>();
        for (String name : List.of("busy", "idle")) {
            Endpoint server = peers.endpoint();
            server.router().routeCallFunc("/svc/hold", String.class, (ctx, arg) -> {
                ran.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                return name;
            });
            addresses.add(Peers.listen(server));
        }
        ServiceClient client = ServiceClient.builder(caller, "hold")
                .instances(InstanceSource.of(addresses.toArray(String[]::new)))
                .selector(Strategy.LEAST_IN_FLIGHT.create())
                .build();
        PeerSessions sessions = client.peers();
        Session busy = sessions.session(addresses.get(0), addresses.get(0)).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        sessions.session(addresses.get(1), addresses.get(1)).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(busy.call("/svc/hold", "x", String.class));
        }
        Peers.await("4 calls in flight on the busy instance", BOUND, () -> sessions.callsInFlight(addresses.get(0)) == 4);

        for (int i = 0; i < 6; i++) {
            calls.add(client.call("/svc/hold", "x", String.class));
            int expected = 5 + i;
            Peers.await("the call in flight", BOUND,
                    () -> sessions.callsInFlight(addresses.get(0)) + sessions.callsInFlight(addresses.get(1)) == expected);
        }
        // 4 + 0 in flight: the idle one takes four, then the two are level and take one each
        assertThat(sessions.callsInFlight(addresses.get(0))).isEqualTo(5);
        assertThat(sessions.callsInFlight(addresses.get(1))).isEqualTo(5);
        release.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ran("busy")).isEqualTo(5);
        assertThat(ran("idle")).isEqualTo(5);
    }

    @Test
    void consistentHashKeepsAKeyOnOneInstanceAndSpreadsKeys() {
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(instance("a"), instance("b"), instance("c")))
                .selector(Strategy.CONSISTENT_HASH.create("user"))
                .build();

        Map<String, String> firstAnswer = new ConcurrentHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int user = 0; user < 30; user++) {
                CallOptions options = CallOptions.DEFAULT.withMeta("user", "user-" + user);
                String who = Session.await(client.call("/svc/who", "?", String.class, options, true));
                String first = firstAnswer.putIfAbsent("user-" + user, who);
                assertThat(who).as("user-" + user + " in round " + round).isEqualTo(first == null ? who : first);
            }
        }
        assertThat(firstAnswer.values().stream().distinct().count()).as("30 keys over 3 instances").isGreaterThan(1);
    }

    @Test
    void anInstanceThatCannotBeDialedIsSkipped() throws Exception {
        String dead;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = "127.0.0.1:" + closed.getLocalPort();
        }
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(dead, instance("a"), instance("b")))
                .selector(Strategy.ROUND_ROBIN.create())
                .build();

        assertThat(callWho(client, 6)).hasSize(6).containsOnly("a", "b");
    }

    @Test
    void aCallRefusedBeforeItRanTriesAnotherInstance() {
        AfterReadCallHeader draining = ctx -> Status.withCause(Status.SERVICE_UNAVAILABLE, "draining");
        String refusing = instance("refusing", EndpointConfig.builder().plugins(draining).build());
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(refusing, instance("a")))
                .selector(Strategy.ROUND_ROBIN.create())
                .build();

        assertThat(callWho(client, 4)).containsOnly("a");
        assertThat(ran("refusing")).isZero();
    }

    /** Two instances whose {@code /svc/once} breaks the connection of its first caller after running. */
    private List<String> breakingInstances() {
        List<String> addresses = new ArrayList<>();
        for (String name : List.of("breaking", "healthy")) {
            Endpoint server = peers.endpoint();
            server.router().routeCallFunc("/svc/once", String.class, (ctx, arg) -> {
                ran.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                if (name.equals("breaking")) {
                    SessionChannels.channel(ctx.session()).close(); // ran, then the connection broke: 102
                }
                return name;
            });
            addresses.add(Peers.listen(server));
        }
        return addresses;
    }

    @Test
    void aCallCutOffAfterItWasWrittenIsNotRepeated() {
        ServiceClient client = ServiceClient.builder(caller, "once")
                .instances(InstanceSource.of(breakingInstances().toArray(String[]::new)))
                .selector(Strategy.ROUND_ROBIN.create())
                .build();

        assertThatThrownBy(() -> client.callSync("/svc/once", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.CONN_CLOSED));
        assertThat(ran("breaking")).isEqualTo(1);
        assertThat(ran("healthy")).as("run at most once").isZero();
    }

    @Test
    void anIdempotentCallCutOffAfterItWasWrittenIsRetriedElsewhere() {
        ServiceClient client = ServiceClient.builder(caller, "once")
                .instances(InstanceSource.of(breakingInstances().toArray(String[]::new)))
                .selector(Strategy.ROUND_ROBIN.create())
                .idempotent(route -> route.equals("/svc/once"))
                .build();

        assertThat(client.callSync("/svc/once", "x", String.class)).isEqualTo("healthy");
        assertThat(ran("breaking")).isEqualTo(1);
    }

    @Test
    void aHandlersErrorIsNeverRetried() {
        AtomicInteger handled = new AtomicInteger();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Endpoint server = peers.endpoint();
            server.router().routeCallFunc("/svc/fail", String.class, (ctx, arg) -> {
                handled.incrementAndGet();
                throw new DrpcException(Status.withCause(Status.CONFLICT, "no"));
            });
            addresses.add(Peers.listen(server));
        }
        ServiceClient client = ServiceClient.builder(caller, "fail")
                .instances(InstanceSource.of(addresses.toArray(String[]::new)))
                .build();

        assertThatThrownBy(() -> client.callSync("/svc/fail", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.CONFLICT));
        assertThat(handled).hasValue(1);
    }

    @Test
    void withoutInstancesTheCallFailsWith503() {
        ServiceClient client = ServiceClient.builder(caller, "none").instances(InstanceSource.of(List.of())).build();

        assertThatThrownBy(() -> client.callSync("/svc/who", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.SERVICE_UNAVAILABLE));
    }

    @Test
    void theInstancesDialedAreTheOnesCalled() {
        ServiceClient client = ServiceClient.builder(caller, "who")
                .instances(InstanceSource.of(instance("a"), instance("b")))
                .selector(Strategy.ROUND_ROBIN.create())
                .build();
        assertThat(caller.sessionCount()).as("dialed lazily").isZero();

        callWho(client, 2);
        assertThat(client.peers().addresses()).hasSize(2);
        assertThat(caller.sessions()).allSatisfy(s -> assertThat(s.remoteAddress()).isInstanceOf(InetSocketAddress.class));
    }
}
