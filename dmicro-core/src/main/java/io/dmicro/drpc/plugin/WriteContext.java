package io.dmicro.drpc.plugin;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.session.Session;
import java.util.Map;

/** What write hooks see: the session and the outgoing message, its body already encoded. */
public interface WriteContext {

    Session session();

    /** The outgoing message; hooks may change its meta, body bytes and filters. */
    Message output();

    /** Per-message attributes shared by the hooks of one call, push or reply. */
    Map<String, Object> attributes();
}
