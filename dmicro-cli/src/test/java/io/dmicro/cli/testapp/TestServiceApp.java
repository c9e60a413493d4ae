package io.dmicro.cli.testapp;

import io.dmicro.spring.boot.autoconfigure.DrpcService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Boot service for the command line's tests: in this JVM (actuator) and as a second JVM (restart). */
@SpringBootApplication
public class TestServiceApp {

    public record Hello(String from) {
    }

    /** Routes /greeter/hello. */
    @DrpcService("greeter")
    public static class Greeter {
        public String hello(Hello hello) {
            return "hello " + hello.from() + " from " + ProcessHandle.current().pid();
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(TestServiceApp.class, args);
    }
}
