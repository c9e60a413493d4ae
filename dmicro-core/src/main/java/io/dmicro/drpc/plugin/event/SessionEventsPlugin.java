package io.dmicro.drpc.plugin.event;

import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.plugin.AfterAccept;
import io.dmicro.drpc.plugin.AfterDial;
import io.dmicro.drpc.plugin.AfterDialFail;
import io.dmicro.drpc.plugin.AfterDisconnect;
import io.dmicro.drpc.plugin.AfterReadCallBody;
import io.dmicro.drpc.plugin.AfterReadPushBody;
import io.dmicro.drpc.plugin.AfterReadReplyBody;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.transport.TransportUri;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells listeners about accepted, connected and closed sessions and about received messages (the
 * drpc event plugin's {@code endpoint_accept}, {@code endpoint_connect}, {@code endpoint_close} and
 * {@code endpoint_receive}). The Spring side publishes these as application events. Place it
 * after (to the right of) auth and overload plugins to hear only about sessions they let in.
 */
public final class SessionEventsPlugin implements AfterAccept, AfterDial, AfterDialFail, AfterDisconnect,
        AfterReadCallBody, AfterReadPushBody, AfterReadReplyBody {

    private static final Logger log = LoggerFactory.getLogger(SessionEventsPlugin.class);

    private final List<SessionEventListener> listeners = new CopyOnWriteArrayList<>();

    public SessionEventsPlugin(SessionEventListener... listeners) {
        for (SessionEventListener l : listeners) {
            addListener(l);
        }
    }

    @Override
    public String name() {
        return "sessionEvents";
    }

    public void addListener(SessionEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SessionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Status afterAccept(EarlySession session) {
        publish(new SessionEvent.Accepted(session.session()));
        return Status.OK;
    }

    @Override
    public Status afterDial(EarlySession session, boolean isRedial) {
        publish(new SessionEvent.Connected(session.session(), isRedial));
        return Status.OK;
    }

    @Override
    public Status afterDialFail(String address, Throwable error, boolean isRedial) {
        publish(new SessionEvent.ConnectFailed(TransportUri.redact(address), error, isRedial));
        return Status.OK;
    }

    @Override
    public Status afterDisconnect(Session session) {
        publish(new SessionEvent.Disconnected(session));
        return Status.OK;
    }

    @Override
    public Status afterReadCallBody(ReadContext ctx) {
        received(ctx, MessageType.CALL);
        return Status.OK;
    }

    @Override
    public Status afterReadPushBody(ReadContext ctx) {
        received(ctx, MessageType.PUSH);
        return Status.OK;
    }

    @Override
    public Status afterReadReplyBody(ReadContext ctx) {
        received(ctx, MessageType.REPLY);
        return Status.OK;
    }

    private void received(ReadContext ctx, MessageType type) {
        if (!listeners.isEmpty()) {
            publish(new SessionEvent.Received(ctx.session(), type, ctx.input().serviceMethod(), ctx.input().seq(), ctx.body()));
        }
    }

    private void publish(SessionEvent event) {
        for (SessionEventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("session event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
