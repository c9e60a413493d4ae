package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.plugin.WriteContext;
import io.dmicro.drpc.session.Session;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An outgoing call, push or reply as write hooks see it. */
final class OutboundMessageContext implements WriteContext {

    private final Session session;
    private final Message output;
    private @Nullable Map<String, Object> attributes;
    /** A reply's write hooks share the attributes of the call they answer. */
    private final @Nullable InboundMessageContext replyingTo;

    OutboundMessageContext(Session session, Message output, @Nullable InboundMessageContext replyingTo) {
        this.session = session;
        this.output = output;
        this.replyingTo = replyingTo;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public Message output() {
        return output;
    }

    /** A call or push sent once more after a redial keeps the attributes its first send's hooks saw. */
    OutboundMessageContext sharingAttributesOf(@Nullable OutboundMessageContext previous) {
        if (previous != null) {
            attributes = previous.attributes();
        }
        return this;
    }

    @Override
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = replyingTo != null ? replyingTo.attributes() : new HashMap<>(4);
        }
        return attributes;
    }
}
