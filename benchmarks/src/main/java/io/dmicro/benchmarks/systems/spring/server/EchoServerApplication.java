package io.dmicro.benchmarks.systems.spring.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The server side of {@code drpc-spring}: a Spring Boot application whose only bean of its own is {@link EchoService}. */
@SpringBootApplication(proxyBeanMethods = false)
public class EchoServerApplication {
}
