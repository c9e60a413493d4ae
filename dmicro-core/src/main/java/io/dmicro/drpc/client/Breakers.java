package io.dmicro.drpc.client;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link ServiceClient} finds its circuit breakers: one for the service (asked once per
 * call; while it is open calls fail at once with 503, not executed), and optionally one per
 * instance (asked per attempt; an open one takes the instance out of the choice, as an
 * {@link OutlierEjection} does, but for any failure it counts, slow replies included).
 */
public interface Breakers {

    /** The breaker of the whole service, or null for none. */
    @Nullable Breaker service(String service);

    /** The breaker of one instance, or null for none (the default). */
    default @Nullable Breaker instance(String service, String address) {
        return null;
    }

    /**
     * Whether a failure counts against a breaker: the peer was unreachable or broke (102, 104, 105),
     * too slow (408), overloaded or refusing (429, 503), or failed inside (500). A handler's own
     * error (any other code) says the service works and counts as a success.
     */
    static boolean counts(Throwable error) {
        if (!(error instanceof DrpcException d)) {
            return true;
        }
        int c = d.code();
        return c == Status.CONN_CLOSED || c == Status.WRITE_FAILED || c == Status.DIAL_FAILED || c == Status.HANDLE_TIMEOUT
                || c == Status.TOO_MANY_REQUESTS || c == Status.SERVICE_UNAVAILABLE || c == Status.INTERNAL_SERVER_ERROR;
    }

    /** No breakers. */
    Breakers NONE = service -> null;
}
