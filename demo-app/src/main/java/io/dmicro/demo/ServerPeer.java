package io.dmicro.demo;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The server's side of peer-to-peer: every {@code demo.push-interval} it pushes a tick to each
 * connected session and calls {@code /greeter/hello} on it, logging the client's answer.
 */
@Component
@ConditionalOnProperty(name = "demo.role", havingValue = "server", matchIfMissing = true)
public class ServerPeer {

    private static final Logger log = LoggerFactory.getLogger(ServerPeer.class);

    private final Endpoint endpoint;
    private final AtomicLong seq = new AtomicLong();

    public ServerPeer(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Scheduled(fixedDelayString = "${demo.push-interval:5s}")
    public void pushAndCallBack() {
        for (Session session : endpoint.sessions()) {
            if (session.isDialed()) {
                continue;
            }
            long n = seq.incrementAndGet();
            session.push("/demo/tick", new Tick(n, Instant.now().toString()));
            session.call("/greeter/hello", new Hello("server", n), String.class).whenComplete((reply, error) -> {
                if (error != null) {
                    log.info("session {} did not answer /greeter/hello: {}", session.id(), error.getMessage());
                } else {
                    log.info("called back /greeter/hello on session {}: {}", session.id(), reply);
                }
            });
        }
    }
}
