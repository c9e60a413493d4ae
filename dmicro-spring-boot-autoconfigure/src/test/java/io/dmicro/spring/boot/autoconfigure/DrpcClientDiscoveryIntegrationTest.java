package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.plugin.BeforeDial;
import io.dmicro.drpc.status.Status;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathClient;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Configuration;

/** How @DrpcClient uses discovery: a cached instance list, refreshed on time and on connection errors, never on the async caller's thread. */
class DrpcClientDiscoveryIntegrationTest {

    private final FakeDiscovery discovery = new FakeDiscovery();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class))
            .withUserConfiguration(Clients.class)
            .withBean(DiscoveryClient.class, () -> discovery)
            .withPropertyValues("dmicro.endpoint.listen=", "dmicro.endpoint.dial-timeout=2s");

    private final MathService service1 = new MathService();
    private final MathService service2 = new MathService();
    private final CountDownLatch slowGate = new CountDownLatch(1);
    private Endpoint server1;
    private Endpoint server2;

    @BeforeEach
    void startServers() {
        server1 = server(service1);
        server2 = server(service2);
    }

    @AfterEach
    void stopServers() {
        slowGate.countDown();
        server1.close();
        server2.close();
    }

    private Endpoint server(MathService service) {
        Endpoint e = Endpoint.create();
        e.router().routeCall("math", service);
        e.router().routeCallFunc("/math/slow", Args.class, (ctx, args) -> {
            slowGate.await();
            return args.a() + args.b();
        });
        e.listen("tcp://127.0.0.1:0");
        return e;
    }

    private static ServiceInstance instance(Endpoint e) {
        int port = ((InetSocketAddress) e.listenAddresses().get(0)).getPort();
        return new DefaultServiceInstance("i" + port, "math-server", "127.0.0.1", port, false);
    }

    @Test
    void doesNotQueryDiscoveryPerCall() throws Exception {
        discovery.instances = List.of(instance(server1), instance(server2));
        runner.withPropertyValues("dmicro.client.discovery-refresh=1h").run(context -> {
            MathClient client = context.getBean(MathClient.class);
            for (int i = 0; i < 10; i++) {
                assertThat(client.add(new Args(i, 1))).isEqualTo(i + 1);
                assertThat(client.addAsync(new Args(i, 2)).get(10, TimeUnit.SECONDS)).isEqualTo(i + 2);
            }
            assertThat(discovery.queries.get()).isEqualTo(1);
        });
    }

    @Test
    void removedInstanceStopsBeingPickedAfterRefreshAndItsIdleSessionCloses() {
        discovery.instances = List.of(instance(server1), instance(server2));
        runner.withPropertyValues("dmicro.client.discovery-refresh=50ms", "dmicro.client.load-balancer=round-robin").run(context -> {
            MathClient client = context.getBean(MathClient.class);
            for (int i = 0; i < 4; i++) {
                client.add(new Args(1, 1));
            }
            assertThat(service1.calls.get()).isEqualTo(2);
            assertThat(service2.calls.get()).isEqualTo(2);
            discovery.instances = List.of(instance(server1));
            int before = discovery.queries.get();
            await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
                client.add(new Args(1, 1));
                return discovery.queries.get() > before;
            });
            int served = service2.calls.get();
            for (int i = 0; i < 6; i++) {
                assertThat(client.add(new Args(1, 1))).isEqualTo(2);
            }
            assertThat(service2.calls.get()).as("calls to the removed instance after the refresh").isEqualTo(served);
            await().until(() -> server2.sessionCount() == 0);
        });
    }

    @Test
    void connectionErrorAsksDiscoveryAgainAtOnce() {
        discovery.instances = List.of(instance(server1));
        runner.withPropertyValues("dmicro.client.discovery-refresh=1h").run(context -> {
            MathClient client = context.getBean(MathClient.class);
            assertThat(client.add(new Args(1, 1))).isEqualTo(2);
            discovery.instances = List.of(instance(server2));
            server1.close();
            assertThat(client.add(new Args(2, 2))).isEqualTo(4);
            assertThat(service2.calls.get()).isEqualTo(1);
            assertThat(discovery.queries.get()).isEqualTo(2);
        });
    }

    @Test
    void keepsTheSessionOfARemovedInstanceWhileItHasACallInFlight() throws Exception {
        discovery.instances = List.of(instance(server1));
        runner.withPropertyValues("dmicro.client.discovery-refresh=0s").run(context -> {
            SlowClient slow = context.getBean(SlowClient.class);
            MathClient client = context.getBean(MathClient.class);
            CompletableFuture<Integer> inFlight = slow.slow(new Args(20, 22));
            await().until(() -> server1.sessions().stream().anyMatch(s -> s.handlersInFlight() == 1));
            discovery.instances = List.of(instance(server2));
            for (int i = 0; i < 3; i++) {
                assertThat(client.add(new Args(1, 1))).isEqualTo(2); // each call refreshes, and would close an idle session
            }
            assertThat(server1.sessionCount()).isEqualTo(1);
            slowGate.countDown();
            assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(42);
            await().until(() -> {
                client.add(new Args(1, 1));
                return server1.sessionCount() == 0;
            });
        });
    }

    @Test
    void asyncMethodReturnsWhileDiscoveryBlocks() throws Exception {
        discovery.instances = List.of(instance(server1));
        discovery.gate = new CountDownLatch(1);
        runner.run(context -> {
            MathClient client = context.getBean(MathClient.class);
            Thread caller = Thread.currentThread();
            CompletableFuture<Integer> reply = client.addAsync(new Args(1, 2));
            // had discovery run on this thread, addAsync would not have returned until the gate opened
            assertThat(reply).isNotDone();
            discovery.gate.countDown();
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(discovery.threads).isNotEmpty().doesNotContain(caller);
        });
    }

    @Test
    void asyncMethodReturnsWhileTheDialBlocks() throws Exception {
        discovery.instances = List.of(instance(server1));
        CountDownLatch dialGate = new CountDownLatch(1);
        List<Thread> dialThreads = new CopyOnWriteArrayList<>();
        BeforeDial blockingDial = (address, redial) -> {
            dialThreads.add(Thread.currentThread());
            try {
                return dialGate.await(30, TimeUnit.SECONDS) ? Status.OK : Status.withCause(Status.DIAL_FAILED, "gate never opened");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.withCause(Status.DIAL_FAILED, "interrupted");
            }
        };
        runner.withBean(BeforeDial.class, () -> blockingDial).run(context -> {
            MathClient client = context.getBean(MathClient.class);
            Thread caller = Thread.currentThread();
            CompletableFuture<Integer> reply = client.addAsync(new Args(1, 2));
            assertThat(reply).isNotDone();
            dialGate.countDown();
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(dialThreads).isNotEmpty().doesNotContain(caller);
        });
    }

    /** A discovery client that counts its queries, can be made to wait, and notes the threads that asked. */
    static final class FakeDiscovery implements DiscoveryClient {
        volatile List<ServiceInstance> instances = List.of();
        volatile CountDownLatch gate;
        final AtomicInteger queries = new AtomicInteger();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public List<ServiceInstance> getInstances(String serviceId) {
            queries.incrementAndGet();
            threads.add(Thread.currentThread());
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    if (!g.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the discovery gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return "math-server".equals(serviceId) ? instances : List.of();
        }

        @Override
        public List<String> getServices() {
            return List.of("math-server");
        }
    }

    /** A second client of the same service: its route blocks until the test opens the gate. */
    @io.dmicro.spring.boot.autoconfigure.DrpcClient("math-server")
    public interface SlowClient {
        @DrpcRoute("/math/slow")
        CompletableFuture<Integer> slow(Args args);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = {MathClient.class, SlowClient.class})
    static class Clients {
    }
}
