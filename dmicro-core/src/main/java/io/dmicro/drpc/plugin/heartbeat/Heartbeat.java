package io.dmicro.drpc.plugin.heartbeat;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The wire names and limits the heartbeat plugins share with the original. */
public final class Heartbeat {

    /** The route pings are sent to, as CALL or PUSH. */
    public static final String ROUTE = "/heartbeat";
    /** Meta key carrying the pinger's rate in whole seconds. */
    public static final String RATE_META = "hb_";
    /** The smallest rate a pinger accepts (the original's is 3 s); tests drive time with a clock instead. */
    public static final Duration MIN_RATE = Duration.ofSeconds(1);

    private Heartbeat() {
    }

    /** The rate announced in {@code hb_}: empty means none (zero), anything unparsable is -1. */
    static long parseRateMillis(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds > 0 && seconds < Integer.MAX_VALUE ? seconds * 1000 : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The rate as {@code hb_} carries it: whole seconds, rounded up. */
    static String formatRate(Duration rate) {
        long seconds = (rate.toMillis() + 999) / 1000;
        return Long.toString(Math.max(1, seconds));
    }
}
