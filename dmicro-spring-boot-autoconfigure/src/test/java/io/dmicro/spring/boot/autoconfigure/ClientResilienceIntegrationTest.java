package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.client.Breakers;
import io.dmicro.spring.boot.autoconfigure.actuator.ClientDescriptor;
import io.dmicro.spring.resiliencetest.CalcClients.BadFallback;
import io.dmicro.spring.resiliencetest.CalcClients.CalcClient;
import io.dmicro.spring.resiliencetest.CalcClients.CalcFallback;
import io.dmicro.spring.resiliencetest.CalcClients.CalcWithDefault;
import io.dmicro.spring.resiliencetest.CalcClients.Sum;
import io.dmicro.spring.boot.autoconfigure.actuator.DmicroActuatorAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.actuator.DmicroEndpoint;
import io.dmicro.spring.boot.autoconfigure.actuator.EndpointDescriptor;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Two instances of a service behind a {@code @DrpcClient} with Spring Cloud CircuitBreaker's
 * Resilience4j on the classpath: one instance is killed and calls keep succeeding while it is
 * ejected; both are killed and the service's breaker opens and the fallbacks answer; one comes
 * back and the breaker closes. The breaker's state shows in {@code /actuator/dmicro} and in the
 * Resilience4j meters.
 */
class ClientResilienceIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private Endpoint server1;
    private Endpoint server2;
    private final AtomicInteger ran1 = new AtomicInteger();
    private final AtomicInteger ran2 = new AtomicInteger();

    @AfterEach
    void stop() {
        for (Endpoint e : new Endpoint[] {server1, server2}) {
            if (e != null) {
                e.close();
            }
        }
    }

    private static Endpoint server(AtomicInteger ran, String listen) {
        Endpoint e = Endpoint.create();
        e.router().routeCallFunc("/calc/add", Sum.class, (ctx, s) -> {
            ran.incrementAndGet();
            return s.a() + s.b();
        });
        e.listen(listen);
        return e;
    }

    private static int port(Endpoint e) {
        return ((InetSocketAddress) e.listenAddresses().get(0)).getPort();
    }

    @EnableDrpcClients(clients = {CalcClient.class, CalcWithDefault.class})
    static class Clients {
    }

    private ApplicationContextRunner runner(List<ServiceInstance> instances) {
        DiscoveryClient discovery = new DiscoveryClient() {
            @Override
            public String description() {
                return "two calc servers";
            }

            @Override
            public List<ServiceInstance> getInstances(String serviceId) {
                return instances; // a killed server stays listed, as with a registry that has not noticed yet
            }

            @Override
            public List<String> getServices() {
                return List.of("calc-server");
            }
        };
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, TimeLimiterAutoConfiguration.class,
                        Resilience4JAutoConfiguration.class, DmicroAutoConfiguration.class, DmicroCircuitBreakerAutoConfiguration.class,
                        DmicroClientAutoConfiguration.class, DmicroActuatorAutoConfiguration.class))
                .withUserConfiguration(Clients.class)
                .withBean(DiscoveryClient.class, () -> discovery)
                .withBean(CalcFallback.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("dmicro.endpoint.listen=", "dmicro.client.load-balancer=round-robin",
                        "management.endpoints.jmx.exposure.include=dmicro", "spring.jmx.enabled=true",
                        "spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled=false",
                        "dmicro.client.outlier.base-ejection=200ms", "dmicro.client.outlier.max-ejection=1s",
                        "resilience4j.circuitbreaker.instances.calc-server.sliding-window-type=COUNT_BASED",
                        "resilience4j.circuitbreaker.instances.calc-server.sliding-window-size=4",
                        "resilience4j.circuitbreaker.instances.calc-server.minimum-number-of-calls=4",
                        "resilience4j.circuitbreaker.instances.calc-server.failure-rate-threshold=50",
                        "resilience4j.circuitbreaker.instances.calc-server.wait-duration-in-open-state=500ms",
                        "resilience4j.circuitbreaker.instances.calc-server.permitted-number-of-calls-in-half-open-state=1");
    }

    private static ServiceInstance instance(Endpoint e) {
        return new DefaultServiceInstance("calc-" + port(e), "calc-server", "127.0.0.1", port(e), false);
    }

    private static ClientDescriptor calc(DmicroEndpoint actuator) {
        @SuppressWarnings("unchecked")
        List<ClientDescriptor> clients = (List<ClientDescriptor>) actuator.part("clients");
        return clients.stream().filter(c -> c.service().equals("calc-server")).findFirst().orElseThrow();
    }

    private static long awaitMillis(String what, BooleanSupplier condition) {
        long t0 = System.nanoTime();
        org.awaitility.Awaitility.await(what).atMost(BOUND).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static double stateGauge(MeterRegistry meters, String state) {
        var gauge = meters.find("resilience4j.circuitbreaker.state").tag("name", "calc-server").tag("state", state).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    @Test
    void oneOfTwoKilledIsEjectedThenBothKilledOpenTheBreakerAndOneBackClosesIt() {
        server1 = server(ran1, "tcp://127.0.0.1:0");
        server2 = server(ran2, "tcp://127.0.0.1:0");
        int port1 = port(server1);
        int port2 = port(server2);
        runner(List.of(instance(server1), instance(server2))).run(context -> {
            assertThat(context).hasSingleBean(Breakers.class);
            CalcClient calc = context.getBean(CalcClient.class);
            CalcWithDefault withDefault = context.getBean(CalcWithDefault.class);
            CalcFallback fallback = context.getBean(CalcFallback.class);
            DmicroEndpoint actuator = context.getBean(DmicroEndpoint.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            for (int i = 0; i < 6; i++) {
                assertThat(calc.add(new Sum(i, 1))).isEqualTo(i + 1);
            }
            assertThat(ran2).hasPositiveValue();
            assertThat(calc(actuator).circuitBreaker()).isEqualTo("CLOSED");

            // one of two killed: every call succeeds, the dead one is ejected at the first call that meets it
            server2.closeGracefully(Duration.ZERO).join();
            long killed2 = System.nanoTime();
            long ejectedAfter = -1;
            for (int i = 0; i < 200; i++) {
                assertThat(calc.add(new Sum(i, 2))).isEqualTo(i + 2);
                if (ejectedAfter < 0 && !calc(actuator).ejected().isEmpty()) {
                    ejectedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed2);
                }
            }
            assertThat(fallback.answered).hasValue(0);
            assertThat(ejectedAfter).as("ejected").isBetween(0L, 1000L);
            assertThat(calc(actuator).ejected()).extracting(ClientDescriptor.Ejected::address).containsExactly("127.0.0.1:" + port2);
            assertThat(calc(actuator).circuitBreaker()).isEqualTo("CLOSED");

            // both killed: the fallbacks answer, and the breaker opens after its window of 4 calls fails
            server1.closeGracefully(Duration.ZERO).join();
            long killed1 = System.nanoTime();
            int callsToOpen = 0;
            while (!"OPEN".equals(calc(actuator).circuitBreaker())) {
                assertThat(calc.add(new Sum(1, 1))).isEqualTo(-1);
                callsToOpen++;
                assertThat(callsToOpen).as("calls before the breaker opened").isLessThanOrEqualTo(4);
            }
            long openAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed1);
            assertThat(stateGauge(meters, "open")).isEqualTo(1.0);
            EndpointDescriptor described = actuator.describe();
            assertThat(described.clients()).extracting(ClientDescriptor::circuitBreaker).containsExactly("OPEN");
            // while open: no call goes out; the fallbacks see the breaker's 503
            assertThat(calc.addAsync(new Sum(2, 2)).get(10, TimeUnit.SECONDS)).isEqualTo(-1);
            assertThat(calc.addMono(new Sum(2, 2)).block(BOUND)).isEqualTo(-1);
            assertThat(withDefault.add(new Sum(2, 2))).isEqualTo(-503);

            // one back on its port: after the open wait (500 ms) one trial call closes the breaker
            server1 = server(ran1, "tcp://127.0.0.1:" + port1);
            long restarted = System.nanoTime();
            long closedAfter = awaitMillis("the breaker closed", () -> {
                calc.add(new Sum(3, 3));
                return "CLOSED".equals(calc(actuator).circuitBreaker());
            });
            assertThat(calc.add(new Sum(4, 4))).isEqualTo(8);
            assertThat(stateGauge(meters, "closed")).isEqualTo(1.0);
            System.out.printf("resilience (Spring, Resilience4j): second instance ejected %d ms after it was killed; breaker OPEN %d ms"
                    + " after both were killed (%d failed calls); CLOSED %d ms after one listened again (open wait 500 ms)%n",
                    ejectedAfter, openAfter, callsToOpen, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
            assertThat(closedAfter).isLessThan(BOUND.toMillis());
        });
    }

    @Test
    void perInstanceBreakersAreNamedByServiceAndAddressWithTheServicesSettings() {
        server1 = server(ran1, "tcp://127.0.0.1:0");
        server2 = server(ran2, "tcp://127.0.0.1:0");
        runner(List.of(instance(server1), instance(server2)))
                .withPropertyValues("dmicro.client.circuit-breaker.per-instance=true")
                .run(context -> {
                    CalcClient calc = context.getBean(CalcClient.class);
                    for (int i = 0; i < 4; i++) {
                        assertThat(calc.add(new Sum(i, i))).isEqualTo(2 * i);
                    }
                    var registry = context.getBean(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class);
                    for (Endpoint e : new Endpoint[] {server1, server2}) {
                        var breaker = registry.find("calc-server@127.0.0.1:" + port(e)).orElseThrow();
                        assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(4);
                        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
                    }
                });
    }

    @Test
    void aFallbackDefaultMethodThatDoesNotFitFailsStartUpNamingIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class))
                .withUserConfiguration(BadClients.class)
                .withBean(DiscoveryClient.class, () -> new org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient(
                        new org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties()))
                .withPropertyValues("dmicro.endpoint.listen=")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("@DrpcFallback(\"nowhere\")").hasMessageContaining("add"));
    }

    @EnableDrpcClients(clients = BadFallback.class)
    static class BadClients {
    }

    @Test
    void withoutResilience4jThereIsNoBreakerAndTheClientStillEjects() {
        server1 = server(ran1, "tcp://127.0.0.1:0");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroCircuitBreakerAutoConfiguration.class,
                        DmicroClientAutoConfiguration.class, DmicroActuatorAutoConfiguration.class))
                .withUserConfiguration(Clients.class)
                .withBean(DiscoveryClient.class, () -> new DiscoveryClient() {
                    @Override
                    public String description() {
                        return "one";
                    }

                    @Override
                    public List<ServiceInstance> getInstances(String serviceId) {
                        return List.of(instance(server1));
                    }

                    @Override
                    public List<String> getServices() {
                        return List.of("calc-server");
                    }
                })
                .withBean(CalcFallback.class)
                .withPropertyValues("dmicro.endpoint.listen=", "management.endpoints.jmx.exposure.include=dmicro", "spring.jmx.enabled=true")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(Breakers.class);
                    assertThat(context.getBean(CalcClient.class).add(new Sum(1, 2))).isEqualTo(3);
                    assertThat(calc(context.getBean(DmicroEndpoint.class)).circuitBreaker()).isNull();
                });
    }
}
