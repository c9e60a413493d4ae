package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dmicro.drpc.Endpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Configuration;

/**
 * One of two servers stops gracefully under load: the callers see no failure, no handler runs
 * twice, and the stopping server is done about one handler time after it was told to stop.
 */
class GracefulFailoverIntegrationTest {

    private static final int HANDLER_MILLIS = 200;

    private final Set<String> ran = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ranTwice = new AtomicInteger();
    private final List<ILoggingEvent> errors = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(Level.WARN)) {
                errors.add(e);
            }
        }
    };
    private Endpoint server1;
    private Endpoint server2;

    @BeforeEach
    void start() {
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        server1 = server();
        server2 = server();
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        server1.close();
        server2.close();
    }

    private Endpoint server() {
        Endpoint e = Endpoint.create();
        e.router().routeCallFunc("/work/nap", String.class, (ctx, id) -> {
            if (!ran.add(id)) {
                ranTwice.incrementAndGet();
            }
            Thread.sleep(HANDLER_MILLIS); // the handler's work, not synchronisation
            return id;
        });
        e.listen("tcp://127.0.0.1:0");
        return e;
    }

    private static ServiceInstance instance(Endpoint e) {
        int port = ((InetSocketAddress) e.listenAddresses().get(0)).getPort();
        return new DefaultServiceInstance("i" + port, "work-server", "127.0.0.1", port, false);
    }

    @Test
    void stoppingOneOfTwoServersUnderLoadFailsNoCallAndEndsAfterTheCallsInFlight() throws Exception {
        List<ServiceInstance> both = List.of(instance(server1), instance(server2));
        DiscoveryClient discovery = new DiscoveryClient() {
            @Override
            public String description() {
                return "two servers";
            }

            @Override
            public List<ServiceInstance> getInstances(String serviceId) {
                return both; // the stopped server stays listed: the client learns from the server itself
            }

            @Override
            public List<String> getServices() {
                return List.of("work-server");
            }
        };
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class))
                .withUserConfiguration(Clients.class)
                .withBean(DiscoveryClient.class, () -> discovery)
                .withPropertyValues("dmicro.endpoint.listen=", "dmicro.client.load-balancer=round-robin")
                .run(context -> {
                    WorkClient client = context.getBean(WorkClient.class);
                    AtomicInteger seq = new AtomicInteger();
                    List<Throwable> failures = new CopyOnWriteArrayList<>();
                    AtomicInteger done = new AtomicInteger();
                    CountDownLatch warm = new CountDownLatch(8);
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                    List<Thread> callers = new ArrayList<>();
                    for (int c = 0; c < 4; c++) {
                        Thread t = new Thread(() -> {
                            while (System.nanoTime() < until) {
                                String id = "call-" + seq.incrementAndGet();
                                try {
                                    assertThat(client.nap(id)).isEqualTo(id);
                                    done.incrementAndGet();
                                    warm.countDown();
                                } catch (Throwable e) {
                                    failures.add(e);
                                }
                            }
                        }, "caller-" + c);
                        t.start();
                        callers.add(t);
                    }
                    assertThat(warm.await(10, TimeUnit.SECONDS)).isTrue();

                    long t0 = System.nanoTime();
                    server1.closeGracefully(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
                    long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    for (Thread t : callers) {
                        t.join(15_000);
                    }
                    System.out.printf("drain: server stopped in %d ms under 4 callers with %d ms handlers; %d calls, %d failed%n",
                            stopMillis, HANDLER_MILLIS, done.get(), failures.size());

                    assertThat(failures).as("failed calls").isEmpty();
                    assertThat(ranTwice).as("handlers run twice").hasValue(0);
                    assertThat(stopMillis).as("stop time").isLessThan(HANDLER_MILLIS + 1000);
                    assertThat(done.get()).isGreaterThan(8);
                });
        assertThat(errors).as("ERROR logs and logged stack traces").isEmpty();
    }

    /** The client of the two servers. */
    @DrpcClient("work-server")
    public interface WorkClient {
        @DrpcRoute("/work/nap")
        String nap(String id);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = WorkClient.class)
    static class Clients {
    }
}
