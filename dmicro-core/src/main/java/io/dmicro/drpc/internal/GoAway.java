package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;

/**
 * The notice a session sends when it starts to close gracefully, as HTTP/2's GOAWAY: "send me no
 * new calls on this connection; those in flight are answered". It is a PUSH to the reserved route
 * {@value #ROUTE} with an empty body. A peer that does not know it drops it as a push to an unknown
 * route: the Go original (v1.3.1) looks the route up, finds no handler and runs nothing, without a
 * reply (a push has none) and without closing; an unknown message type, by contrast, would make it
 * close the connection.
 */
final class GoAway {

    static final String ROUTE = "/drpc/goaway";

    private GoAway() {
    }

    static Message message(int seq) {
        return new Message(seq, MessageType.PUSH, ROUTE);
    }

    static boolean is(Message m) {
        return m.type() == MessageType.PUSH && ROUTE.equals(m.serviceMethod());
    }
}
