package io.dmicro.drpc.router;

import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.session.Session;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What every handler knows about the message it handles. */
public interface InboundContext {

    Session session();

    /** The service method the message named. */
    String serviceMethod();

    int seq();

    /** The incoming meta, read-only. */
    Map<String, String> meta();

    /** The id of the codec the body came in (0 for raw bytes). */
    byte bodyCodec();

    /** The body as it arrived, before decoding. */
    byte[] bodyBytes();

    /** Decodes the body into another type (what unknown-route handlers use). */
    <T> @Nullable T decodeBody(Type type);

    /** {@code X-Real-IP} from the meta when a proxy set it, else the remote address. */
    String realIp();

    /** Attributes shared by the plugins and handler of this one message. */
    Map<String, Object> attributes();

    /**
     * When the work on this call should be done, in {@link System#nanoTime()} terms, or 0 when it
     * has no deadline: the caller's remaining time ({@link io.dmicro.drpc.message.Meta#TIMEOUT}) or
     * this endpoint's {@code contextAge}, whichever ends first, counted from the call's arrival.
     * Past it the caller no longer waits: a handler doing long work checks it, and passes
     * {@link #timeLeft()} on to the calls it makes.
     */
    default long deadlineNanos() {
        return 0;
    }

    /** The time left before {@link #deadlineNanos()}, zero once it passed; null when there is no deadline. */
    default @Nullable Duration timeLeft() {
        long deadline = deadlineNanos();
        if (deadline == 0) {
            return null;
        }
        long left = deadline - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
