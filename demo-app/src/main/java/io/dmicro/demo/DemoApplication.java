package io.dmicro.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The demo. As a server (the default) it answers {@code /math/add} on drpc port 9090, pushes a tick
 * to every connected session and calls back into it; with {@code --spring.profiles.active=client} it
 * dials the server, calls it, and logs what the server pushes and calls. Actuator is on HTTP 8080
 * (8081 for the client): {@code /actuator/dmicro}.
 */
@SpringBootApplication
@EnableScheduling
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
