package io.dmicro.drpc.internal;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's age limit: the connection is closed once it has been open that long (zero for no
 * limit). Changing the age restarts the clock from now.
 */
final class SessionAgeTimer {

    private static final Logger log = LoggerFactory.getLogger(SessionAgeTimer.class);

    private volatile Duration age;
    private volatile @Nullable ScheduledFuture<?> timer;

    SessionAgeTimer(Duration age) {
        this.age = age;
    }

    Duration age() {
        return age;
    }

    /** Sets the age (a negative one means none) and restarts the clock on {@code ch}. */
    void set(Duration newAge, Channel ch, Supplier<String> sessionId) {
        this.age = newAge.isNegative() ? Duration.ZERO : newAge;
        arm(ch, sessionId);
    }

    /** Starts the clock for the connection just opened, replacing any running one. */
    void arm(Channel ch, Supplier<String> sessionId) {
        cancel();
        Duration limit = age;
        if (!limit.isZero() && ch.isActive()) {
            timer = ch.eventLoop().schedule(() -> {
                log.info("session {} reached its age of {}; closing", sessionId.get(), limit);
                ch.close();
            }, limit.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    void cancel() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
