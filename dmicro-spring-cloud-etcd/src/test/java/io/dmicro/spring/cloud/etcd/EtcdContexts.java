package io.dmicro.spring.cloud.etcd;

import io.dmicro.spring.boot.autoconfigure.EnableDrpcClients;
import io.dmicro.spring.cloud.etcd.sample.GoEchoClient;
import io.dmicro.spring.cloud.etcd.sample.MathClient;
import io.dmicro.spring.cloud.etcd.sample.MathService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring applications for the etcd tests: a server of java-math, and a pure client of java-math and go-echo. */
final class EtcdContexts {

    private EtcdContexts() {
    }

    static ConfigurableApplicationContext server(EtcdProcess etcd, String name, String... more) {
        return start(Server.class, etcd, name, "--dmicro.endpoint.listen=tcp://127.0.0.1:0", more);
    }

    static ConfigurableApplicationContext client(EtcdProcess etcd, String... more) {
        return start(Client.class, etcd, "etcd-test-client", "--dmicro.endpoint.listen=", more);
    }

    private static ConfigurableApplicationContext start(Class<?> config, EtcdProcess etcd, String name, String listen, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.application.name=" + name,
                "--dmicro.registry.etcd.endpoints=" + etcd.url(),
                "--dmicro.registry.etcd.ttl=5s",
                // generous for a loaded CI machine: the first etcd request also opens the connection
                "--dmicro.registry.etcd.timeout=20s",
                "--spring.cloud.compatibility-verifier.enabled=false",
                listen));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(config).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Server {
        @Bean
        MathService mathService() {
            return new MathService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableDrpcClients(clients = {MathClient.class, GoEchoClient.class})
    static class Client {
    }
}
