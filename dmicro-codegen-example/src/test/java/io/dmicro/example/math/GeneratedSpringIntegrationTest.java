package io.dmicro.example.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DmicroClientAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import io.dmicro.spring.boot.autoconfigure.EnableDrpcClients;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The generated Spring pair: {@link MathImpl} served as a {@code @DrpcService} bean by one
 * application, {@link MathDrpcClient} injected in another that finds it through simple discovery.
 */
class GeneratedSpringIntegrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class,
                    SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
                    UtilAutoConfiguration.class))
            .withPropertyValues("spring.cloud.discovery.client.health-indicator.enabled=false",
                    "dmicro.endpoint.describe.enabled=false"); // the routes asserted are the generated ones only

    @Test
    void theInjectedClientCallsTheDrpcServiceBean() {
        runner.withUserConfiguration(Server.class).withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0").run(server -> {
            assertThat(server).hasNotFailed();
            assertThat(server.getBean(Endpoint.class).router().routes()).extracting(RouteInfo::name)
                    .containsExactly("/calc/sum", "/math/add", "/math/add_one", "/math/divide");
            runner.withUserConfiguration(Client.class)
                    .withPropertyValues("dmicro.endpoint.listen=", "spring.cloud.discovery.client.simple.instances.math-server[0].uri="
                            + uri(server.getBean(Endpoint.class)))
                    .run(client -> {
                        MathDrpcClient math = client.getBean(MathDrpcClient.class);
                        assertThat(math.add(AddRequest.newBuilder().setA(40).setB(2).build()).getSum()).isEqualTo(42);
                        assertThat(math.addOneAsync(Number.newBuilder().setValue(41).build()).get(10, TimeUnit.SECONDS).getValue())
                                .isEqualTo(42);
                        assertThat(math.sum(Numbers.newBuilder().addValues(40).addValues(2).build(),
                                CallOptions.timeout(Duration.ofSeconds(5))).getValue()).isEqualTo(42);
                        assertThat(math.add(AddRequest.getDefaultInstance())).isEqualTo(AddReply.getDefaultInstance());
                        assertThatThrownBy(() -> math.divide(AddRequest.newBuilder().setA(1).build()))
                                .isInstanceOfSatisfying(DrpcException.class,
                                        e -> assertThat(e.status().code()).isEqualTo(MathImpl.DIVISION_BY_ZERO));
                    });
        });
    }

    @Test
    void theRpcMapperNamesRoutesOnBothSidesAlike() {
        runner.withUserConfiguration(Server.class)
                .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0", "dmicro.endpoint.mapper=rpc").run(server -> {
                    assertThat(server.getBean(Endpoint.class).router().routes()).extracting(RouteInfo::name)
                            .containsExactly("/calc/sum", "Math.Add", "Math.AddOne", "Math.Divide");
                    runner.withUserConfiguration(Client.class)
                            .withPropertyValues("dmicro.endpoint.listen=", "dmicro.endpoint.mapper=rpc",
                                    "spring.cloud.discovery.client.simple.instances.math-server[0].uri=" + uri(server.getBean(Endpoint.class)))
                            .run(client -> {
                                MathDrpcClient math = client.getBean(MathDrpcClient.class);
                                assertThat(math.addOne(Number.newBuilder().setValue(1).build()).getValue()).isEqualTo(2);
                                assertThat(math.sum(Numbers.newBuilder().addValues(1).build()).getValue()).isEqualTo(1);
                            });
                });
    }

    @Test
    void aValueOnTheAnnotationOfAGeneratedServiceFailsStartUp() {
        runner.withUserConfiguration(PrefixedServer.class).withPropertyValues("dmicro.endpoint.listen=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("names its own routes");
        });
    }

    private static String uri(Endpoint endpoint) {
        return "tcp://127.0.0.1:" + ((InetSocketAddress) endpoint.listenAddresses().get(0)).getPort();
    }

    @Configuration(proxyBeanMethods = false)
    @Import(MathImpl.class)
    static class Server {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = MathDrpcClient.class)
    static class Client {
    }

    @Configuration(proxyBeanMethods = false)
    static class PrefixedServer {
        @Bean
        PrefixedMath prefixedMath() {
            return new PrefixedMath();
        }
    }

    @DrpcService("math")
    static class PrefixedMath extends MathImpl {
    }
}
