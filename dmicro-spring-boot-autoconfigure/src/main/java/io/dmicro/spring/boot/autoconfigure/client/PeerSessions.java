package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reusable session per peer address, dialed on first use through the endpoint (so the peer can
 * call and push back over it) and forgotten when it closes. Concurrent first uses share one dial.
 */
public final class PeerSessions {

    private static final Logger log = LoggerFactory.getLogger(PeerSessions.class);

    private final Endpoint endpoint;
    private final Map<String, CompletableFuture<Session>> sessions = new ConcurrentHashMap<>();

    public PeerSessions(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The open session to {@code address} ({@code host:port}), dialing it when there is none; dial failures throw 105. */
    public Session session(String address) {
        while (true) {
            CompletableFuture<Session> mine = new CompletableFuture<>();
            CompletableFuture<Session> existing = sessions.putIfAbsent(address, mine);
            if (existing == null) {
                return dial(address, mine);
            }
            Session s;
            try {
                s = existing.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof DrpcException d) {
                    throw d;
                }
                throw e;
            }
            if (s.isHealthy()) {
                return s;
            }
            sessions.remove(address, existing);
        }
    }

    private Session dial(String address, CompletableFuture<Session> slot) {
        Session s;
        try {
            s = endpoint.dial(address);
        } catch (RuntimeException e) {
            sessions.remove(address, slot);
            slot.completeExceptionally(e);
            throw e;
        }
        slot.complete(s);
        s.closeFuture().whenComplete((v, e) -> sessions.remove(address, slot));
        log.debug("dialed peer {} as session {}", address, s.id());
        return s;
    }

    /** Calls waiting for replies on the session to {@code address}; 0 without an open one. */
    public int callsInFlight(String address) {
        CompletableFuture<Session> f = sessions.get(address);
        if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
            return 0;
        }
        return f.join().callsInFlight();
    }

    /**
     * Closes the sessions to addresses discovery no longer lists, once they are idle. A session with
     * calls in flight is kept until a later round finds it idle: its callers get their replies.
     */
    public void retainOnly(Collection<String> live, Collection<String> scope) {
        for (Map.Entry<String, CompletableFuture<Session>> e : sessions.entrySet()) {
            String address = e.getKey();
            CompletableFuture<Session> f = e.getValue();
            if (!scope.contains(address) || live.contains(address) || !f.isDone() || f.isCompletedExceptionally()) {
                continue;
            }
            Session s = f.join();
            if (s.callsInFlight() == 0 && s.handlersInFlight() == 0 && sessions.remove(address, f)) {
                log.info("peer {} left discovery; closing its idle session {}", address, s.id());
                s.close();
            }
        }
    }

    /** The addresses with a session, open or being dialed. */
    public Collection<String> addresses() {
        return sessions.keySet();
    }
}
