package io.dmicro.spring.boot.autoconfigure.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DmicroClientAutoConfiguration;
import io.dmicro.badclients.BadClients;
import io.dmicro.spring.boot.autoconfigure.EnableDrpcClients;
import io.dmicro.spring.boot.autoconfigure.client.DrpcClientFactoryBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mono on both sides, per-method settings and a direct url, over the in-JVM local transport: the
 * application calls its own endpoint through its own @DrpcClient, as a slice test would.
 */
class ClientDeclarationIntegrationTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class));

    private ApplicationContextRunner listening() {
        String name = "calc-" + NAMES.incrementAndGet();
        return runner.withPropertyValues("dmicro.endpoint.listen=local://" + name, "calc.url=local://" + name);
    }

    @Test
    void monoRepliesOnBothSidesAndFuturesToo() {
        listening().withUserConfiguration(Server.class, Clients.class).run(context -> {
            assertThat(context).hasNotFailed();
            CalcClient client = context.getBean(CalcClient.class);
            assertThat(client.twice(21).block(Duration.ofSeconds(10))).isEqualTo(42);
            assertThat(client.nothing().blockOptional(Duration.ofSeconds(10))).isEmpty();
            assertThat(client.twiceAsync(5).get(10, TimeUnit.SECONDS)).isEqualTo(10);
            assertThatThrownBy(() -> client.broken(7).block(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(1002));
        });
    }

    @Test
    void aMonoCallsOnlyWhenSubscribedAndOnEverySubscription() {
        listening().withUserConfiguration(Server.class, Clients.class).run(context -> {
            CountingCalc calc = context.getBean(CountingCalc.class);
            var mono = context.getBean(CalcClient.class).twice(1);
            assertThat(calc.calls.get()).isZero();
            mono.block(Duration.ofSeconds(10));
            mono.block(Duration.ofSeconds(10));
            assertThat(calc.calls.get()).isEqualTo(2);
        });
    }

    @Test
    void perMethodMetaAndCodecReachTheServerAndTheInterfaceDefaultsApply() {
        listening().withUserConfiguration(Server.class, Clients.class).run(context -> {
            CalcClient client = context.getBean(CalcClient.class);
            assertThat(client.seen("hi")).isEqualTo("blue|j|hi");
            assertThat(client.seenPlain("hi")).isEqualTo("green|s|hi");
        });
    }

    @Test
    void perMethodTimeoutEndsTheCallWithoutWaitingForTheDefault() {
        listening().withUserConfiguration(Server.class, Clients.class).withPropertyValues("dmicro.client.call-timeout=30s").run(context -> {
            long start = System.nanoTime();
            try {
                assertThatThrownBy(() -> context.getBean(CalcClient.class).slow()).isInstanceOfSatisfying(DrpcException.class,
                        e -> assertThat(e.code()).isNotEqualTo(Status.OK_CODE));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            } finally {
                context.getBean(CountingCalc.class).release.countDown();
            }
        });
    }

    @Test
    void refusesUnsupportedClientMethodsAtStartUpNamingThem() {
        refused(BadClients.ReturnsFlux.class, "ReturnsFlux.many", "Flux");
        refused(BadClients.ReturnsStream.class, "ReturnsStream.lines", "Stream");
        refused(BadClients.ReturnsPlainFuture.class, "ReturnsPlainFuture.later", "Future");
        refused(BadClients.TakesMono.class, "TakesMono.add", "Mono");
        refused(BadClients.BadTimeout.class, "BadTimeout.add", "soon");
    }

    @Test
    void refusesAServiceMethodThatReturnsAFluxNamingIt() {
        listening().withBean(BadServices.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootMessage(context.getStartupFailure())).contains(BadServices.class.getName() + ".many").contains("Flux");
        });
    }

    private void refused(Class<?> client, String method, String type) {
        listening().withUserConfiguration(Server.class)
                // lazy, as the registrar defines clients: the start-up check must build it anyway
                .withBean("badClient", DrpcClientFactoryBean.class, () -> new DrpcClientFactoryBean<>(client), bd -> bd.setLazyInit(true))
                .run(context -> {
                    assertThat(context).as(client.getName()).hasFailed();
                    assertThat(rootMessage(context.getStartupFailure())).contains(method).contains(type);
                });
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage());
    }

    /** Calc, counting its /calc/twice calls. */
    public static class CountingCalc extends Calc {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public reactor.core.publisher.Mono<Integer> twice(int x) {
            calls.incrementAndGet();
            return super.twice(x);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Server {
        @Bean
        CountingCalc calc() {
            return new CountingCalc();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = CalcClient.class)
    static class Clients {
    }
}
