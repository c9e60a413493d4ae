package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * The notice a session sends when it starts to close gracefully, as HTTP/2's GOAWAY: "send me no
 * new calls on this connection; those in flight are answered". It is a PUSH to the reserved route
 * {@value #ROUTE} with an empty body. A peer that does not know it drops it as a push to an unknown
 * route: the Go original (v1.3.1) looks the route up, finds no handler and runs nothing, without a
 * reply (a push has none) and without closing; an unknown message type, by contrast, would make it
 * close the connection.
 *
 * <p>Like GOAWAY's last stream id, the notice of a graceful close says which of the peer's calls
 * were read ({@value #LAST_CALL_READ}): the sequence number of the last call this side read on the
 * connection, or {@value #NONE_READ}. Every later call is refused unrun, so a call with a later
 * number that the closing connection cuts off certainly did not run, and the peer may retry it
 * anywhere (503), where without the notice it would fail 102, "may have run".
 */
final class GoAway {

    static final String ROUTE = "/drpc/goaway";
    static final String LAST_CALL_READ = "X-Drpc-Last-Call-Read";
    static final String NONE_READ = "none";

    private GoAway() {
    }

    /** A refusal's notice; its status says why. */
    static Message message(int seq) {
        return new Message(seq, MessageType.PUSH, ROUTE);
    }

    /** A graceful close's notice, with the last call read ({@code anyRead} false: none was). */
    static Message leaving(int seq, boolean anyRead, int lastCallRead) {
        Message m = message(seq);
        m.meta().set(LAST_CALL_READ, anyRead ? Integer.toString(lastCallRead) : NONE_READ);
        return m;
    }

    static boolean is(Message m) {
        return m.type() == MessageType.PUSH && ROUTE.equals(m.serviceMethod());
    }

    /** The notice's {@value #LAST_CALL_READ}, or null when it has none or one this side cannot parse. */
    static @Nullable CallsRead callsRead(Message m) {
        String v = m.meta().get(LAST_CALL_READ);
        if (v == null) {
            return null;
        }
        if (NONE_READ.equals(v)) {
            return CallsRead.NONE;
        }
        try {
            return new CallsRead(true, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Which calls the leaving peer read: none, or those up to {@code last}. Sequence numbers wrap,
     * so "after" is serial-number arithmetic (RFC 1982): right while fewer than 2^31 calls are in
     * flight, which they always are.
     */
    record CallsRead(boolean any, int last) {
        static final CallsRead NONE = new CallsRead(false, 0);

        /** Whether the call numbered {@code seq} came after every call the peer read. */
        boolean unread(int seq) {
            return !any || seq - last > 0;
        }
    }
}
