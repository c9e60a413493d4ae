package io.dmicro.drpc.plugin.overload;

import io.dmicro.drpc.plugin.AfterAccept;
import io.dmicro.drpc.plugin.AfterDial;
import io.dmicro.drpc.plugin.AfterDisconnect;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses work beyond set limits so that the work already admitted keeps being served (reference
 * §14.6, where only erpc has it).
 *
 * <ul>
 *   <li>Connections over {@link OverloadLimits#maxConnections()} are closed as they open (status
 *       503 in the log; the peer sees the connection close).
 *   <li>Calls over a rate limit or over the per-session in-flight limit are answered at once with
 *       <b>429 Too Many Requests</b>, before any decoding; pushes over a limit are dropped. The
 *       original answers 500; 429 tells a caller plainly that waiting and retrying is the remedy.
 * </ul>
 *
 * Rates are token buckets refilled continuously, so a burst up to one second's worth passes.
 * {@link #update} changes every limit at run time; it refills the buckets and keeps the count of
 * open connections. Put this plugin first (leftmost) so that it refuses before other plugins work.
 */
public final class OverloadProtection implements AfterAccept, AfterDial, AfterDisconnect, AfterReadCallHeader, AfterReadPushHeader {

    private static final Logger log = LoggerFactory.getLogger(OverloadProtection.class);
    private static final String SLOT = "drpc.overload.slot";

    private final LongSupplier nanoTicker;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Limiter limiter;

    public OverloadProtection(OverloadLimits limits) {
        this(limits, System::nanoTime);
    }

    /** Measures rates on {@code nanoTicker} (nanoseconds, as {@link System#nanoTime}); tests pass a manual one. */
    public OverloadProtection(OverloadLimits limits, LongSupplier nanoTicker) {
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.limiter = new Limiter(Objects.requireNonNull(limits, "limits"), nanoTicker);
    }

    @Override
    public String name() {
        return "overloadProtection";
    }

    public OverloadLimits limits() {
        return limiter.limits;
    }

    /** Replaces every limit at once. */
    public void update(OverloadLimits limits) {
        this.limiter = new Limiter(Objects.requireNonNull(limits, "limits"), nanoTicker);
        log.info("overload limits now {}", limits);
    }

    /** Sessions holding a connection slot now. */
    public int connections() {
        return connections.get();
    }

    @Override
    public Status afterAccept(EarlySession session) {
        return takeSlot(session);
    }

    @Override
    public Status afterDial(EarlySession session, boolean isRedial) {
        return isRedial ? Status.OK : takeSlot(session); // a redialed session keeps its slot
    }

    @Override
    public Status afterDisconnect(Session session) {
        if (session.attributes().remove(SLOT) != null) {
            connections.decrementAndGet();
        }
        return Status.OK;
    }

    private Status takeSlot(EarlySession session) {
        int max = limiter.limits.maxConnections();
        while (true) {
            int now = connections.get();
            if (max > 0 && now >= max) {
                Status refused = Status.withCause(Status.SERVICE_UNAVAILABLE, "connection overload, limit=" + max + ", now=" + now);
                log.warn("session {} refused: {}", session.id(), refused.cause());
                return refused;
            }
            if (connections.compareAndSet(now, now + 1)) {
                session.attributes().put(SLOT, Boolean.TRUE);
                return Status.OK;
            }
        }
    }

    @Override
    public Status afterReadCallHeader(ReadContext ctx) {
        return admit(ctx);
    }

    @Override
    public Status afterReadPushHeader(ReadContext ctx) {
        return admit(ctx);
    }

    private Status admit(ReadContext ctx) {
        Limiter l = limiter;
        int maxInFlight = l.limits.maxCallsInFlightPerSession();
        // header hooks run one message at a time on the session's I/O thread, so this count is exact
        if (maxInFlight > 0 && ctx.session().handlersInFlight() >= maxInFlight) {
            return Status.withCause(Status.TOO_MANY_REQUESTS, "calls in flight overload, session_limit=" + maxInFlight);
        }
        if (l.total != null && !l.total.tryTake()) {
            return Status.withCause(Status.TOO_MANY_REQUESTS, "request rate overload, total_limit=" + l.total.rate() + "/s");
        }
        TokenBucket route = l.routes.get(ctx.input().serviceMethod());
        if (route != null && !route.tryTake()) {
            return Status.withCause(Status.TOO_MANY_REQUESTS, "request rate overload, route_limit=" + route.rate() + "/s");
        }
        return Status.OK;
    }

    /** One immutable set of limits with its buckets. */
    private static final class Limiter {
        final OverloadLimits limits;
        final @Nullable TokenBucket total;
        final Map<String, TokenBucket> routes = new HashMap<>();

        Limiter(OverloadLimits limits, LongSupplier ticker) {
            this.limits = limits;
            this.total = limits.maxTotalRate() > 0 ? new TokenBucket(limits.maxTotalRate(), ticker) : null;
            limits.maxRouteRates().forEach((route, rate) -> {
                if (rate != null && rate > 0) {
                    routes.put(route, new TokenBucket(rate, ticker));
                }
            });
        }
    }
}
