package io.dmicro.spring.boot.autoconfigure.metrics;

import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.AfterReadReplyHeader;
import io.dmicro.drpc.plugin.AfterWriteCall;
import io.dmicro.drpc.plugin.AfterWritePush;
import io.dmicro.drpc.plugin.BeforeWriteReply;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.plugin.WriteContext;
import io.dmicro.drpc.status.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.core.Ordered;

/**
 * Records an endpoint's traffic in Micrometer, as a plugin on the engine's hooks:
 * <ul>
 * <li>{@code dmicro.calls} (timer): calls this endpoint answered, from header read to reply
 *     written, tagged {@code route}, {@code role=server} and {@code status} (the code, 0 = OK);</li>
 * <li>{@code dmicro.pushes} (counter): pushes tagged {@code route} and {@code direction} (in, out);</li>
 * <li>{@code dmicro.body.bytes} (counter): message body bytes tagged {@code direction}. The engine
 *     exposes no hook on the wire, so frame headers, meta and transfer-filter overhead are not counted.</li>
 * </ul>
 * Routes the router does not know are tagged {@code UNKNOWN}, so a peer cannot blow up the tag set.
 * It runs first among plugins so that it sees calls that later plugins reject.
 */
public final class DrpcMetricsPlugin implements AfterReadCallHeader, BeforeWriteReply, AfterReadPushHeader, AfterWritePush,
        AfterWriteCall, AfterReadReplyHeader, Ordered {

    static final String CALLS = "dmicro.calls";
    static final String PUSHES = "dmicro.pushes";
    static final String BODY_BYTES = "dmicro.body.bytes";

    private static final String START = DrpcMetricsPlugin.class.getName() + ".start";
    private static final String ROUTE = DrpcMetricsPlugin.class.getName() + ".route";

    private final MeterRegistry registry;
    private final Predicate<String> knownRoute;
    private final Counter bytesIn;
    private final Counter bytesOut;

    /** @param knownRoute whether the endpoint has a route of that name */
    public DrpcMetricsPlugin(MeterRegistry registry, Predicate<String> knownRoute) {
        this.registry = registry;
        this.knownRoute = knownRoute;
        this.bytesIn = Counter.builder(BODY_BYTES).tag("direction", "in").baseUnit("bytes")
                .description("message body bytes received (headers and framing not included)").register(registry);
        this.bytesOut = Counter.builder(BODY_BYTES).tag("direction", "out").baseUnit("bytes")
                .description("message body bytes sent (headers and framing not included)").register(registry);
    }

    @Override
    public String name() {
        return "micrometer-metrics";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Status afterReadCallHeader(ReadContext ctx) {
        ctx.attributes().put(START, System.nanoTime());
        ctx.attributes().put(ROUTE, ctx.input().serviceMethod());
        bytesIn.increment(ctx.input().body().length);
        return Status.OK;
    }

    @Override
    public Status beforeWriteReply(WriteContext ctx) {
        bytesOut.increment(ctx.output().body().length);
        Object start = ctx.attributes().get(START);
        Object route = ctx.attributes().get(ROUTE);
        if (start instanceof Long nanos && route instanceof String name) {
            Timer.builder(CALLS).description("drpc calls")
                    .tag("route", tagOf(name)).tag("role", "server").tag("status", Integer.toString(ctx.output().status().code()))
                    .register(registry).record(System.nanoTime() - nanos, TimeUnit.NANOSECONDS);
        }
        return Status.OK;
    }

    @Override
    public Status afterReadPushHeader(ReadContext ctx) {
        bytesIn.increment(ctx.input().body().length);
        pushes(ctx.input().serviceMethod(), "in");
        return Status.OK;
    }

    @Override
    public Status afterWritePush(WriteContext ctx) {
        bytesOut.increment(ctx.output().body().length);
        pushes(ctx.output().serviceMethod(), "out");
        return Status.OK;
    }

    @Override
    public Status afterWriteCall(WriteContext ctx) {
        bytesOut.increment(ctx.output().body().length);
        return Status.OK;
    }

    @Override
    public Status afterReadReplyHeader(ReadContext ctx) {
        bytesIn.increment(ctx.input().body().length);
        return Status.OK;
    }

    private void pushes(String route, String direction) {
        String tag = "out".equals(direction) ? route : tagOf(route);
        Counter.builder(PUSHES).description("drpc pushes").tag("route", tag).tag("direction", direction).register(registry).increment();
    }

    private String tagOf(String route) {
        return knownRoute.test(route) ? route : "UNKNOWN";
    }
}
