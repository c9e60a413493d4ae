package io.dmicro.demo;

import io.dmicro.drpc.router.PushContext;
import io.dmicro.spring.boot.autoconfigure.DrpcPushService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** {@code /demo/tick} on the client: where the server's pushes arrive. */
@DrpcPushService("demo")
@ConditionalOnProperty(name = "demo.role", havingValue = "client")
public class Ticks {

    private static final Logger log = LoggerFactory.getLogger(Ticks.class);

    private final AtomicLong received = new AtomicLong();

    public void tick(PushContext ctx, Tick tick) {
        received.incrementAndGet();
        log.info("the server pushed /demo/tick #{} at {} over session {}", tick.seq(), tick.time(), ctx.session().id());
    }

    /** How many pushes arrived. */
    public long received() {
        return received.get();
    }
}
