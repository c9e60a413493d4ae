package io.dmicro.drpc.plugin;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.session.Session;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What read hooks see: the session and the incoming message. Header hooks may rewrite the service
 * method; body hooks may replace the body bytes before decoding.
 */
public interface ReadContext {

    Session session();

    Message input();

    /** The decoded body, once a body hook runs after decoding; null before. */
    @Nullable Object body();

    /** Per-message attributes shared by the hooks of one message; a reply's are those of the call it answers. */
    Map<String, Object> attributes();
}
