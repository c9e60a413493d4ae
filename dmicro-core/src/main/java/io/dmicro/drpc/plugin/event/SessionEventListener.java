package io.dmicro.drpc.plugin.event;

/**
 * Receives {@link SessionEvent}s. Runs on the thread of the hook that saw the event (an I/O or
 * handler thread): return quickly and hand slow work off. A throw is logged and ignored.
 */
@FunctionalInterface
public interface SessionEventListener {

    void onEvent(SessionEvent event);
}
