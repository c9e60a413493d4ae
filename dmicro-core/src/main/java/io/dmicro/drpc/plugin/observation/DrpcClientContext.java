package io.dmicro.drpc.plugin.observation;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.Session;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of a message this endpoint sends: a CALL (kind CLIENT), on a dialed or an
 * accepted session alike, or a PUSH (kind PRODUCER). The carrier is the outgoing message; trace
 * context is written into its meta.
 */
public final class DrpcClientContext extends SenderContext<Message> {

    private final Session session;
    private final MessageType type;
    private final String service;
    private int statusCode;

    DrpcClientContext(Message output, Session session, String service) {
        super(MetaPropagation.SETTER, output.type() == MessageType.PUSH ? Kind.PRODUCER : Kind.CLIENT);
        setCarrier(output);
        this.session = session;
        this.type = output.type();
        this.service = service;
        setRemoteServiceName(service);
        setRemoteServiceAddress(String.valueOf(session.remoteAddress()));
    }

    public Session session() {
        return session;
    }

    /** CALL or PUSH. */
    public MessageType type() {
        return type;
    }

    /** The route called. */
    public String route() {
        return getCarrier() == null ? "" : getCarrier().serviceMethod();
    }

    /** The service id a {@code ServiceClient} (a {@code @DrpcClient}) called, or {@code none} on a plain session. */
    public String service() {
        return service;
    }

    /** The outcome's status code (0 = OK; 408 timeout, 102 connection closed, …). */
    public int statusCode() {
        return statusCode;
    }

    void statusCode(int statusCode) {
        this.statusCode = statusCode;
    }
}
