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

    OutboundMessageContext(Session session, Message output, @Nullable Map<String, Object> shared) {
        this.session = session;
        this.output = output;
        this.attributes = shared;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public Message output() {
        return output;
    }

    @Override
    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        return attributes;
    }
}
