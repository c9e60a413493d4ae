package io.dmicro.demo;

import io.dmicro.drpc.plugin.event.SessionEvent;
import io.dmicro.spring.boot.autoconfigure.event.DmicroSessionEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs the peers that connect to this endpoint, that it dials, and that leave, from the starter's session events. */
@Component
public class SessionLog {

    private static final Logger log = LoggerFactory.getLogger(SessionLog.class);

    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final Set<String> left = ConcurrentHashMap.newKeySet();

    @EventListener
    public void accepted(DmicroSessionEvent<SessionEvent.Accepted> e) {
        connected.add(e.event().peer());
        log.info("peer {} connected: session {}", e.event().peer(), e.event().session().id());
    }

    @EventListener
    public void dialed(DmicroSessionEvent<SessionEvent.Connected> e) {
        log.info("dialed peer {}{}: session {}", e.event().peer(), e.event().redial() ? " again" : "", e.event().session().id());
    }

    @EventListener
    public void disconnected(DmicroSessionEvent<SessionEvent.Disconnected> e) {
        left.add(e.event().peer());
        log.info("peer {} disconnected: session {}", e.event().peer(), e.event().session().id());
    }

    /** Whether a peer at this address ({@code String.valueOf} of its socket address) has connected. */
    public boolean sawConnect(String peer) {
        return connected.contains(peer);
    }

    /** Whether a peer at this address has disconnected. */
    public boolean sawDisconnect(String peer) {
        return left.contains(peer);
    }
}
