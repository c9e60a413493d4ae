package io.dmicro.drpc.plugin.observation;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.Session;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The observation context of a message this endpoint receives: a CALL it answers (kind SERVER) or a
 * PUSH (kind CONSUMER). The carrier is the incoming message; trace context is read from its meta.
 */
public final class DrpcServerContext extends ReceiverContext<Message> {

    private final Session session;
    private final MessageType type;
    private String routeTag;
    private int statusCode;

    DrpcServerContext(Message input, Session session, String routeTag) {
        super(MetaPropagation.GETTER, input.type() == MessageType.PUSH ? Kind.CONSUMER : Kind.SERVER);
        setCarrier(input);
        this.session = session;
        this.type = input.type();
        this.routeTag = routeTag;
        setRemoteServiceAddress(String.valueOf(session.remoteAddress()));
    }

    /** The session the message came on. */
    public Session session() {
        return session;
    }

    /** CALL or PUSH. */
    public MessageType type() {
        return type;
    }

    /** The route as called (any value a peer sent). */
    public String route() {
        return getCarrier() == null ? "" : getCarrier().serviceMethod();
    }

    /** The route for tags: a route of this endpoint, or {@code UNKNOWN}. */
    public String routeTag() {
        return routeTag;
    }

    void routeTag(String routeTag) {
        this.routeTag = routeTag;
    }

    /** The status code answered (0 = OK); 0 for a push. */
    public int statusCode() {
        return statusCode;
    }

    void statusCode(int statusCode) {
        this.statusCode = statusCode;
    }
}
