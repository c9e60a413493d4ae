package io.dmicro.benchmarks.systems.spring;

import io.dmicro.drpc.plugin.event.SessionEvent;
import io.dmicro.spring.boot.autoconfigure.event.DmicroSessionEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * The A side of the session-event pair: an event published as {@link DmicroSessionEvent} was before
 * it kept one {@code ResolvableType} per kind, building its type for every event.
 */
final class UncachedSessionEvent extends ApplicationEvent implements ResolvableTypeProvider {

  private final transient SessionEvent event;

  UncachedSessionEvent(SessionEvent event) {
    super(event);
    this.event = event;
  }

  @Override
  public ResolvableType getResolvableType() {
    return ResolvableType.forClassWithGenerics(DmicroSessionEvent.class, ResolvableType.forInstance(event));
  }
}
