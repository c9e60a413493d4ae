package io.dmicro.spring.boot.autoconfigure.sample;

import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.util.concurrent.atomic.AtomicInteger;

/** A routed service for tests: /math/add, /math/fail, /math/who. */
@DrpcService
public class MathService {

    public final AtomicInteger calls = new AtomicInteger();

    public int add(Args args) {
        calls.incrementAndGet();
        return args.a() + args.b();
    }

    public int fail(Args args) {
        calls.incrementAndGet();
        throw new DrpcException(1001, "refused");
    }

    /** The meta value of X-Hash-Key, to see which peer answered a keyed call. */
    public String who(CallContext ctx) {
        calls.incrementAndGet();
        return ctx.meta().getOrDefault("X-Hash-Key", "");
    }
}
