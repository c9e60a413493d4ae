package io.dmicro.drpc.internal;

import io.dmicro.drpc.plugin.AfterDisconnect;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.session.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * How a session ends, once whatever the path (closed here, by the peer, or redialing given up):
 * the AfterDisconnect hooks of a session plugins were shown, then its close future.
 */
final class SessionEnd {

    private static final AtomicIntegerFieldUpdater<SessionEnd> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(SessionEnd.class, "finished");

    private final CompletableFuture<Void> future = new CompletableFuture<>();
    @SuppressWarnings("unused") // through FINISHED
    private volatile int finished;
    /** See {@link #announce()}. */
    private volatile boolean announced;

    CompletableFuture<Void> future() {
        return future;
    }

    /**
     * Marks the session as shown to plugins: its AfterDial or AfterAccept hooks are about to run.
     * Only such a session gets AfterDisconnect, whether or not those hooks let it open (one of them
     * may have taken a connection slot); a connection that failed before (a TLS handshake, say)
     * was never a session to plugins.
     */
    void announce() {
        announced = true;
    }

    /** Ends the session; only the first call does anything. */
    void finish(PluginContainer plugins, Session session) {
        if (FINISHED.compareAndSet(this, 0, 1)) {
            // the hooks first: whoever waits on the future (an endpoint closing, say) runs when it
            // completes, and must find this session's AfterDisconnect already done
            if (announced) {
                Hooks.notice(plugins, AfterDisconnect.class, h -> h.afterDisconnect(session));
            }
            future.complete(null);
        }
    }
}
