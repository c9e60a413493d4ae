package io.dmicro.spring.boot.test.app;

import io.dmicro.spring.boot.autoconfigure.DrpcService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application under test: one drpc service. */
@SpringBootApplication
public class GreetingApplication {

    /** /greeting/hello. */
    @DrpcService
    public static class GreetingService {
        public String hello(String name) {
            return "hello " + name;
        }
    }
}
