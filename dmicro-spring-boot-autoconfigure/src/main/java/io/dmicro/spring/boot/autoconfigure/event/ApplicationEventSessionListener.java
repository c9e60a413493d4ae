package io.dmicro.spring.boot.autoconfigure.event;

import io.dmicro.drpc.plugin.event.SessionEvent;
import io.dmicro.drpc.plugin.event.SessionEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/** Publishes each session event as a {@link DmicroSessionEvent}; received-message events only when asked to. */
public final class ApplicationEventSessionListener implements SessionEventListener {

    private static final Logger log = LoggerFactory.getLogger(ApplicationEventSessionListener.class);

    private final ApplicationEventPublisher publisher;
    private final boolean received;

    /** @param received whether to publish {@link SessionEvent.Received} (one per call, push and reply) */
    public ApplicationEventSessionListener(ApplicationEventPublisher publisher, boolean received) {
        this.publisher = publisher;
        this.received = received;
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (!received && event instanceof SessionEvent.Received) {
            return;
        }
        try {
            publisher.publishEvent(new DmicroSessionEvent<>(event));
        } catch (IllegalStateException e) {
            // sessions still close while the context shuts down, after it stopped taking events
            log.debug("session event {} not published: {}", event, e.getMessage());
        }
    }
}
