package io.dmicro.demo;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The client role: calls the server's {@code /math/add} every {@code demo.call-interval}. What the
 * server sends back over the same session is answered by {@link Greeter} and {@link Ticks}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "demo.role", havingValue = "client")
public class ClientPeer {

    private static final Logger log = LoggerFactory.getLogger(ClientPeer.class);

    @Bean
    Caller demoCaller(MathClient math) {
        return new Caller(math);
    }

    /** Calls the server. */
    public static class Caller {
        private final MathClient math;
        private final AtomicInteger lastSum = new AtomicInteger(-1);

        Caller(MathClient math) {
            this.math = math;
        }

        @Scheduled(fixedDelayString = "${demo.call-interval:5s}")
        public void call() {
            try {
                int sum = math.add(new Args(1, 2));
                lastSum.set(sum);
                log.info("called /math/add {\"a\":1,\"b\":2} on the server: {}", sum);
            } catch (RuntimeException e) {
                log.warn("/math/add failed: {}", e.getMessage());
            }
        }

        public int lastSum() {
            return lastSum.get();
        }
    }
}
