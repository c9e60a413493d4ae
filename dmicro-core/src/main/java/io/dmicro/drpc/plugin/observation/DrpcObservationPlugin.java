package io.dmicro.drpc.plugin.observation;

import io.dmicro.drpc.AfterNewEndpoint;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.client.ServiceClient;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.plugin.AfterOutcome;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.BeforeWriteCall;
import io.dmicro.drpc.plugin.BeforeWritePush;
import io.dmicro.drpc.plugin.BeforeWriteReply;
import io.dmicro.drpc.plugin.CallerContext;
import io.dmicro.drpc.plugin.HandlerScope;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.plugin.WriteContext;
import io.dmicro.drpc.status.Status;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Observes every call and push of an endpoint with Micrometer Observation, in both directions:
 * <ul>
 * <li>a CALL it answers, from its header read to its reply (the handler runs in the observation's
 *     scope, so its logs carry the trace id and its own calls are children);</li>
 * <li>a PUSH it receives, as it is read (its handler runs in the observation's scope too);</li>
 * <li>a CALL it sends, on a dialed or an accepted session, from its write to its outcome: reply,
 *     timeout, broken connection; the current observation of the calling thread is the parent;</li>
 * <li>a PUSH it sends, until it is written.</li>
 * <li>for a {@code ServiceClient} ({@code @DrpcClient}) call sent from another thread than the caller's
 *     (after a dial), the caller's observation is carried over as the parent.</li>
 * </ul>
 * A tracing handler on the registry (Micrometer Tracing with a bridge) writes the trace context into
 * the outgoing message's meta ({@code traceparent}, {@code tracestate}, {@code baggage} with W3C
 * propagation) and reads it from incoming meta; the HTTP proto carries meta as headers and JSON-RPC in
 * {@code context}, a Go peer passes it on as plain meta. A meter handler on the registry turns the
 * observations into timers ({@link DrpcObservationKeys}). Register it first among plugins so it sees
 * calls that later plugins refuse. With a no-op registry every hook returns at once.
 */
public final class DrpcObservationPlugin implements AfterNewEndpoint, AfterReadCallHeader, BeforeWriteReply, HandlerScope,
        AfterReadPushHeader, BeforeWriteCall, BeforeWritePush, AfterOutcome, CallerContext {

    private static final String OBSERVATION = DrpcObservationPlugin.class.getName() + ".observation";

    private final ObservationRegistry registry;
    private final @Nullable DrpcServerObservationConvention serverConvention;
    private final @Nullable DrpcClientObservationConvention clientConvention;
    private volatile @Nullable Predicate<String> knownRoute;

    /** Observes with the default conventions. */
    public DrpcObservationPlugin(ObservationRegistry registry) {
        this(registry, null, null);
    }

    /**
     * @param serverConvention replaces {@link DefaultDrpcServerObservationConvention} when not null
     * @param clientConvention replaces {@link DefaultDrpcClientObservationConvention} when not null
     */
    public DrpcObservationPlugin(ObservationRegistry registry, @Nullable DrpcServerObservationConvention serverConvention,
            @Nullable DrpcClientObservationConvention clientConvention) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.serverConvention = serverConvention;
        this.clientConvention = clientConvention;
    }

    @Override
    public String name() {
        return "micrometer-observation";
    }

    /** Learns the endpoint's routes, so that routes it does not have are tagged {@code UNKNOWN}. */
    @Override
    public void afterNewEndpoint(Endpoint endpoint) {
        if (knownRoute == null) {
            knownRoute = route -> endpoint.router().lookup(route) != null;
        }
    }

    /** Decides which routes are tagged as called (the endpoint's routes by default); others are {@code UNKNOWN}. */
    public DrpcObservationPlugin knownRoutes(Predicate<String> knownRoute) {
        this.knownRoute = Objects.requireNonNull(knownRoute, "knownRoute");
        return this;
    }

    // ---- received: calls answered, pushes ----------------------------------------------

    @Override
    public Status afterReadCallHeader(ReadContext ctx) {
        if (!registry.isNoop()) {
            ctx.attributes().put(OBSERVATION, startServer(ctx));
        }
        return Status.OK;
    }

    @Override
    public Status beforeWriteReply(WriteContext ctx) {
        if (ctx.attributes().get(OBSERVATION) instanceof Observation o
                && o.getContext() instanceof DrpcServerContext c) {
            Status s = ctx.output().status();
            c.routeTag(routeTag(c.route())); // a header hook may have rewritten the route
            c.statusCode(s.code());
            if (!s.isOk()) {
                o.error(s.toException());
            }
            o.stop();
        }
        return Status.OK;
    }

    @Override
    public Status afterReadPushHeader(ReadContext ctx) {
        if (!registry.isNoop()) {
            // a push is observed as it is read; its handler (if any runs) opens the stopped observation's scope
            Observation o = startServer(ctx);
            o.stop();
            ctx.attributes().put(OBSERVATION, o);
        }
        return Status.OK;
    }

    @Override
    public @Nullable Scope openHandlerScope(ReadContext ctx) {
        if (ctx.attributes().get(OBSERVATION) instanceof Observation o) {
            Observation.Scope scope = o.openScope();
            return scope::close;
        }
        return null;
    }

    private Observation startServer(ReadContext ctx) {
        Message in = ctx.input();
        DrpcServerContext c = new DrpcServerContext(in, ctx.session(), routeTag(in.serviceMethod()));
        return Observation.createNotStarted(serverConvention, DefaultDrpcServerObservationConvention.INSTANCE, () -> c, registry)
                .start();
    }

    private String routeTag(String route) {
        Predicate<String> known = knownRoute;
        return known != null && known.test(route) ? route : DrpcObservationKeys.UNKNOWN_ROUTE;
    }

    // ---- sent: calls, pushes -----------------------------------------------------------

    @Override
    public Status beforeWriteCall(WriteContext ctx) {
        startClient(ctx);
        return Status.OK;
    }

    @Override
    public Status beforeWritePush(WriteContext ctx) {
        startClient(ctx);
        return Status.OK;
    }

    private void startClient(WriteContext ctx) {
        if (registry.isNoop() || ctx.attributes().containsKey(OBSERVATION)) {
            return; // a re-send after a redial is the same call
        }
        Object service = ctx.session().attributes().get(ServiceClient.SERVICE_ATTRIBUTE);
        DrpcClientContext c = new DrpcClientContext(ctx.output(), ctx.session(),
                service instanceof String s ? s : DrpcObservationKeys.NO_SERVICE);
        // started here, on the calling thread: the current observation is the parent, and the
        // tracing handler writes the trace context into the message's meta before it is written
        Observation o = Observation.createNotStarted(clientConvention, DefaultDrpcClientObservationConvention.INSTANCE, () -> c, registry)
                .start();
        ctx.attributes().put(OBSERVATION, o);
    }

    /**
     * A {@code ServiceClient} ({@code @DrpcClient}) call may be sent from another thread once an instance
     * list or a dial is ready: the caller's current observation is made current there for the send.
     */
    @Override
    public @Nullable Captured captureCallerContext() {
        Observation current = registry.isNoop() ? null : registry.getCurrentObservation();
        if (current == null) {
            return null;
        }
        return () -> {
            Observation.Scope scope = current.openScope();
            return scope::close;
        };
    }

    @Override
    public void afterOutcome(WriteContext ctx, Status status) {
        if (ctx.attributes().get(OBSERVATION) instanceof Observation o
                && o.getContext() instanceof DrpcClientContext c) {
            c.statusCode(status.code());
            if (!status.isOk()) {
                o.error(status.toException());
            }
            o.stop();
        }
    }
}
