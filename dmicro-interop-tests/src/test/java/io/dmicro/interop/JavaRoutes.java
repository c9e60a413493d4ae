package io.dmicro.interop;

import com.google.protobuf.StringValue;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.Router;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Java counterpart of the Go peers' test routes ({@code interop/go/internal/peer/routes.go}):
 * same names, same bodies, same answers, so a cell of the matrix reads the same whichever side
 * serves it.
 */
public final class JavaRoutes {

    private final BlockingQueue<Greeting> pushed = new LinkedBlockingQueue<>();

    /** Registers the routes on {@code endpoint} and returns what records the pushes it gets. */
    public static JavaRoutes on(Endpoint endpoint) {
        JavaRoutes routes = new JavaRoutes();
        routes.register(endpoint.router());
        return routes;
    }

    private void register(Router router) {
        router.routeCallFunc("/echo", Greeting.class, (ctx, g) -> new Greeting("hello " + g.name(), g.n() + 1));
        router.routeCallFunc("/echo/text", String.class, (ctx, s) -> "hello " + s);
        router.routeCallFunc("/echo/pb", StringValue.class, (ctx, v) -> StringValue.of("hello " + v.getValue()));
        router.routeCallFunc("/echo/bytes", byte[].class, (ctx, b) -> b);
        router.routeCallFunc("/fail", Failure.class, (ctx, f) -> {
            throw new DrpcException(Status.of(f.code(), f.msg(), f.cause()));
        });
        router.routeCallFunc("/meta", byte[].class, (ctx, ignored) -> {
            ctx.replyMeta().set("reply-k", "<v&>");
            return new TreeMap<>(ctx.meta());
        });
        router.routeCallFunc("/call/back", Greeting.class, (ctx, g) -> ctx.session().call("/echo", g, Greeting.class));
        router.routeCallFunc("/seq", byte[].class, (ctx, ignored) -> ctx.seq());
        router.routePushFunc("/push/in", Greeting.class,
                (ctx, g) -> ctx.session().push("/pushed", new Greeting("pushed " + g.name(), g.n() + 1)));
        router.routePushFunc("/pushed", Greeting.class, (ctx, g) -> pushed.add(g));
    }

    /** The next push that reached {@code /pushed}, waiting at most {@code timeout}. */
    public Greeting awaitPushed(Duration timeout) throws InterruptedException {
        Greeting g = pushed.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (g == null) {
            throw new AssertionError("no push reached /pushed within " + timeout);
        }
        return g;
    }

    /** Meta as the {@code /meta} route answers it. */
    public static Map<String, String> metaOf(Object reply) {
        @SuppressWarnings("unchecked")
        Map<String, String> m = (Map<String, String>) reply;
        return m;
    }
}
