package io.dmicro.spring.boot.autoconfigure.event;

import io.dmicro.drpc.plugin.event.SessionEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * A session event of the drpc endpoint as a Spring application event. Its type argument is the kind
 * of event, so an {@code @EventListener} picks the kinds it wants:
 *
 * <pre>{@code
 * @EventListener
 * void accepted(DmicroSessionEvent<SessionEvent.Accepted> e) { log.info("peer {} connected", e.event().peer()); }
 *
 * @EventListener
 * void any(DmicroSessionEvent<?> e) { ... }
 * }</pre>
 *
 * Listeners run on the engine's I/O or handler thread that saw the event: return quickly, or make
 * the listener {@code @Async}.
 *
 * @param <E> the kind: {@link SessionEvent.Accepted}, {@link SessionEvent.Connected},
 *     {@link SessionEvent.ConnectFailed}, {@link SessionEvent.Disconnected} or {@link SessionEvent.Received}
 */
public final class DmicroSessionEvent<E extends SessionEvent> extends ApplicationEvent implements ResolvableTypeProvider {

    /**
     * The type of each kind, built once: building it per event cost a few percent of every call's CPU
     * when a Received event is published for each message.
     */
    private static final ClassValue<ResolvableType> TYPES = new ClassValue<>() {
        @Override
        protected ResolvableType computeValue(Class<?> kind) {
            return ResolvableType.forClassWithGenerics(DmicroSessionEvent.class, kind);
        }
    };

    private final transient E event;

    public DmicroSessionEvent(E event) {
        super(event);
        this.event = event;
    }

    /** The engine's event: the session (or the address of a failed dial) and what happened. */
    public E event() {
        return event;
    }

    @Override
    public ResolvableType getResolvableType() {
        return TYPES.get(event.getClass());
    }

    @Override
    public String toString() {
        return "DmicroSessionEvent[" + event.getClass().getSimpleName() + " " + event.peer() + "]";
    }
}
