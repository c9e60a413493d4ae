package io.dmicro.drpc.internal;

import io.dmicro.drpc.session.Session;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The open sessions of an endpoint by id. Registering an id that is taken closes the older session. */
public final class SessionHub {

    private final ConcurrentHashMap<String, DefaultSession> sessions = new ConcurrentHashMap<>();

    void add(DefaultSession session) {
        DefaultSession old = sessions.put(session.id(), session);
        if (old != null && old != session) {
            old.close();
        }
    }

    void remove(DefaultSession session) {
        sessions.remove(session.id(), session);
    }

    void rekey(DefaultSession session, String oldId) {
        if (sessions.remove(oldId, session)) {
            add(session);
        }
    }

    public @Nullable Session get(String id) {
        return sessions.get(id);
    }

    public Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    public int size() {
        return sessions.size();
    }
}
