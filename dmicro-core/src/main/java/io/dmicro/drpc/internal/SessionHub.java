package io.dmicro.drpc.internal;

import io.dmicro.drpc.session.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The open sessions of an endpoint. Every open session is in the hub, whatever its id: two sessions
 * that show the same id (both ends of a connection an endpoint dialed to itself, or two logins that
 * {@link Session#setId set} one user's id) both stay open and both are listed. Looking an id up
 * finds the newest of the sessions showing it: the one opened, or renamed to it, last. Nothing here
 * closes a session; a user who wants "one session per id" closes the older one himself.
 */
public final class SessionHub {

    /** Every open session, keyed by itself: ids may repeat, sessions never do. */
    private final ConcurrentHashMap<DefaultSession, Boolean> open = new ConcurrentHashMap<>();
    /** The sessions showing each id, oldest first; lists are replaced, never changed in place. */
    private final ConcurrentHashMap<String, List<DefaultSession>> byId = new ConcurrentHashMap<>();

    /*
     * Readers take no lock, so the two maps change in the order that keeps what they see consistent
     * with the count: a session is findable by id before it is counted, and is no longer findable
     * once it is no longer counted.
     */
    synchronized void add(DefaultSession session) {
        if (!open.containsKey(session)) {
            index(session.id(), session);
            open.put(session, Boolean.TRUE);
        }
    }

    synchronized void remove(DefaultSession session) {
        if (open.containsKey(session)) {
            unindex(session.id(), session);
            open.remove(session);
        }
    }

    /**
     * Gives the session another id; an open one moves to the end of that id's list, as the newest.
     * Under the hub's lock, so that a session closing meanwhile is unindexed under the id it shows.
     */
    synchronized void rename(DefaultSession session, String newId) {
        String oldId = session.id();
        session.applyId(newId);
        if (open.containsKey(session)) {
            unindex(oldId, session);
            index(newId, session);
        }
    }

    private void index(String id, DefaultSession session) {
        byId.compute(id, (k, list) -> {
            List<DefaultSession> next = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
            next.remove(session);
            next.add(session);
            return List.copyOf(next);
        });
    }

    private void unindex(String id, DefaultSession session) {
        byId.computeIfPresent(id, (k, list) -> {
            if (!list.contains(session)) {
                return list;
            }
            List<DefaultSession> next = new ArrayList<>(list);
            next.remove(session);
            return next.isEmpty() ? null : List.copyOf(next);
        });
    }

    /** The newest open session showing {@code id}, or null. */
    public @Nullable Session get(String id) {
        List<DefaultSession> list = byId.get(id);
        return list == null ? null : list.get(list.size() - 1);
    }

    /** Every open session showing {@code id}, oldest first. */
    public List<Session> withId(String id) {
        List<DefaultSession> list = byId.get(id);
        return list == null ? List.of() : List.copyOf(list);
    }

    public Collection<Session> all() {
        return List.copyOf(open.keySet());
    }

    public int size() {
        return open.size();
    }
}
