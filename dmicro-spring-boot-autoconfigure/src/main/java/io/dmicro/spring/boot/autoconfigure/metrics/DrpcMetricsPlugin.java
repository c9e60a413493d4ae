package io.dmicro.spring.boot.autoconfigure.metrics;

import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
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
 * <li>{@code dmicro.pushes} (counter): pushes tagged {@code route} and {@code direction} (in, out).</li>
 * </ul>
 * Bytes on the wire are the endpoint's own counters, bound by {@link DmicroMetricsAutoConfiguration}.
 * Routes the router does not know are tagged {@code UNKNOWN}, so a peer cannot blow up the tag set.
 * It runs first among plugins so that it sees calls that later plugins reject.
 */
public final class DrpcMetricsPlugin implements AfterReadCallHeader, BeforeWriteReply, AfterReadPushHeader, AfterWritePush, Ordered {

    static final String CALLS = "dmicro.calls";
    static final String PUSHES = "dmicro.pushes";

    private static final String START = DrpcMetricsPlugin.class.getName() + ".start";
    private static final String ROUTE = DrpcMetricsPlugin.class.getName() + ".route";

    private final MeterRegistry registry;
    private final Predicate<String> knownRoute;

    /** @param knownRoute whether the endpoint has a route of that name */
    public DrpcMetricsPlugin(MeterRegistry registry, Predicate<String> knownRoute) {
        this.registry = registry;
        this.knownRoute = knownRoute;
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
        return Status.OK;
    }

    @Override
    public Status beforeWriteReply(WriteContext ctx) {
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
        pushes(ctx.input().serviceMethod(), "in");
        return Status.OK;
    }

    @Override
    public Status afterWritePush(WriteContext ctx) {
        pushes(ctx.output().serviceMethod(), "out");
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
