package io.dmicro.benchmarks.systems.spring.client;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The client side of {@code drpc-spring}: a Spring Boot application whose auto-configuration finds {@link EchoClient}. */
@SpringBootApplication(proxyBeanMethods = false)
public class EchoClientApplication {
}
