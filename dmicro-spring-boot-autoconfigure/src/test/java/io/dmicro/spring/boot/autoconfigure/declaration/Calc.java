package io.dmicro.spring.boot.autoconfigure.declaration;

import io.dmicro.drpc.router.CallContext;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/** /calc/*: Mono replies, a handler that reports the meta and codec it got, and one that waits. */
@DrpcService("calc")
public class Calc {

    /** Released by a test once it has seen its client time out, so the handler does not linger. */
    public final CountDownLatch release = new CountDownLatch(1);

    public Mono<Integer> twice(int x) {
        return Mono.just(x * 2);
    }

    public Mono<Integer> nothing() {
        return Mono.empty();
    }

    public Mono<Integer> broken(int x) {
        return Mono.error(new io.dmicro.drpc.status.DrpcException(1002, "broken " + x));
    }

    /** The tenant meta and the request's body codec id, as {@code tenant|codec}. */
    public String seen(CallContext ctx, String body) {
        return ctx.meta().getOrDefault("X-Tenant", "") + "|" + (char) ctx.bodyCodec() + "|" + body;
    }

    public String slow(CallContext ctx) throws InterruptedException {
        release.await(10, TimeUnit.SECONDS);
        return "late";
    }
}
