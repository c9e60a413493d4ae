package io.dmicro.drpc.plugin.heartbeat;

import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.router.Router;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.Status;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /heartbeat} handlers, for CALL and PUSH. Both heartbeat plugins install them, so an
 * endpoint that pings also tolerates its peer's own pings instead of answering them 404.
 */
final class HeartbeatRoutes {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatRoutes.class);

    private HeartbeatRoutes() {
    }

    static void install(Router router, Clock clock) {
        if (router.lookup(Heartbeat.ROUTE) != null) {
            return;
        }
        try {
            router.routeCallFunc(Heartbeat.ROUTE, byte[].class, (ctx, body) -> {
                Status s = received(ctx.session(), ctx.meta(), clock);
                if (!s.isOk()) {
                    throw s.toException();
                }
                return null;
            }, RouteOptions.nonBlockingRoute());
            router.routePushFunc(Heartbeat.ROUTE, byte[].class, (ctx, body) -> {
                Status s = received(ctx.session(), ctx.meta(), clock);
                if (!s.isOk()) {
                    log.warn("session {}: {}", ctx.session().id(), s.cause());
                }
            }, RouteOptions.nonBlockingRoute());
        } catch (IllegalArgumentException alreadyThere) {
            // another heartbeat plugin of this endpoint registered them first
        }
    }

    /** Records a ping; a first ping with an unparsable rate is refused with 400, as in the original. */
    private static Status received(Session session, Map<String, String> meta, Clock clock) {
        HeartbeatState state = HeartbeatState.of(session, clock);
        state.lastReadMillis = clock.millis();
        String raw = meta.get(Heartbeat.RATE_META);
        long rate = Heartbeat.parseRateMillis(raw);
        if (rate < 0) {
            if (state.peerRateMillis == 0) {
                return Status.withCause(Status.BAD_MESSAGE, "invalid heartbeat rate: " + raw);
            }
            return Status.OK; // keep the rate the peer announced before
        }
        state.peerRateMillis = rate;
        return Status.OK;
    }
}
