package io.dmicro.demo;

import io.dmicro.drpc.router.CallContext;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** {@code /greeter/hello} on the client: the server calls it back over the session the client dialed. */
@DrpcService("greeter")
@ConditionalOnProperty(name = "demo.role", havingValue = "client")
public class Greeter {

    private static final Logger log = LoggerFactory.getLogger(Greeter.class);

    private final AtomicLong calls = new AtomicLong();

    public String hello(CallContext ctx, Hello hello) {
        calls.incrementAndGet();
        log.info("the server called /greeter/hello #{} over session {}", hello.seq(), ctx.session().id());
        return "hello " + hello.from() + ", this is the client";
    }

    /** How many times the server called. */
    public long calls() {
        return calls.get();
    }
}
