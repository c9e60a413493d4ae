package io.dmicro.drpc.client;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reusable session per peer address, dialed on first use through the endpoint (so the peer can
 * call and push back over it) and forgotten when it closes. Concurrent first uses share one dial,
 * which runs off the caller's thread ({@link Endpoint#dialAsync}).
 */
public final class PeerSessions {

    private static final Logger log = LoggerFactory.getLogger(PeerSessions.class);

    private final Endpoint endpoint;
    private final Map<String, CompletableFuture<Session>> sessions = new ConcurrentHashMap<>();

    public PeerSessions(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The open session to {@code address} ({@code host:port}), dialing {@code dialUri} (the address, or
     * a {@code tls://} URI) when there is none. Never blocks: the future completes once the session is
     * open, or fails as the dial did (status 105 when the peer cannot be reached).
     */
    public CompletableFuture<Session> session(String address, String dialUri) {
        while (true) {
            CompletableFuture<Session> existing = sessions.get(address);
            if (existing != null) {
                if (!existing.isDone() || (!existing.isCompletedExceptionally() && existing.join().isHealthy())) {
                    return existing;
                }
                sessions.remove(address, existing);
                continue;
            }
            CompletableFuture<Session> mine = new CompletableFuture<>();
            if (sessions.putIfAbsent(address, mine) == null) {
                dial(address, dialUri, mine);
                return mine;
            }
        }
    }

    private void dial(String address, String dialUri, CompletableFuture<Session> slot) {
        CompletableFuture<Session> dialing;
        try {
            dialing = endpoint.dialAsync(dialUri);
        } catch (RuntimeException e) {
            dialing = CompletableFuture.failedFuture(e);
        }
        dialing.whenComplete((s, error) -> {
            if (error != null) {
                sessions.remove(address, slot);
                slot.completeExceptionally(unwrap(error));
                return;
            }
            s.closeFuture().whenComplete((v, e) -> sessions.remove(address, slot));
            log.debug("dialed peer {} as session {}", address, s.id());
            slot.complete(s);
        });
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

    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
