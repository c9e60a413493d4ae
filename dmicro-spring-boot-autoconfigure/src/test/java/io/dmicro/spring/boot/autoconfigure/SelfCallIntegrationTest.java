package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.sample.Args;
import io.dmicro.spring.boot.autoconfigure.sample.MathClient;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An application whose @DrpcClient discovery lists its own instance calls itself, every time. */
class SelfCallIntegrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class, DmicroClientAutoConfiguration.class))
            .withUserConfiguration(SelfListed.class)
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0");

    @Test
    void aClientWhoseDiscoveryListsItsOwnInstanceSucceedsEveryTime() {
        runner.run(context -> {
            MathClient client = context.getBean(MathClient.class);
            Endpoint endpoint = context.getBean(Endpoint.class);
            for (int i = 0; i < 100; i++) {
                assertThat(client.add(new Args(i, 1))).as("call %d", i).isEqualTo(i + 1);
            }
            assertThat(context.getBean(MathService.class).calls.get()).isEqualTo(100);
            // both ends of the one connection to itself live in the endpoint's hub
            assertThat(endpoint.sessionCount()).isEqualTo(2);
            assertThat(endpoint.sessions()).allMatch(s -> s.state() == io.dmicro.drpc.session.SessionState.OK);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableDrpcClients(clients = MathClient.class)
    static class SelfListed {

        @Bean
        MathService mathService() {
            return new MathService();
        }

        /** Lists the application's own endpoint as the one instance of math-server. */
        @Bean
        DiscoveryClient selfDiscovery(ObjectProvider<Endpoint> endpoint) {
            return new DiscoveryClient() {
                @Override
                public String description() {
                    return "self";
                }

                @Override
                public List<ServiceInstance> getInstances(String serviceId) {
                    int port = ((InetSocketAddress) endpoint.getObject().listenAddresses().get(0)).getPort();
                    return List.of(new DefaultServiceInstance("self", "math-server", "127.0.0.1", port, false));
                }

                @Override
                public List<String> getServices() {
                    return List.of("math-server");
                }
            };
        }
    }
}
