package io.dmicro.drpc.internal;

import io.dmicro.drpc.plugin.AfterDisconnect;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.session.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * How a session ends, once whatever the path (closed here, by the peer, or redialing given up):
 * the AfterDisconnect hooks of a session plugins were shown, then its close future.
 */
final class SessionEnd {

    private static final AtomicIntegerFieldUpdater<SessionEnd> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(SessionEnd.class, "finished");

    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<SessionEnd, CompletableFuture> FUTURE =
            AtomicReferenceFieldUpdater.newUpdater(SessionEnd.class, CompletableFuture.class, "future");

    /** Made when first asked for: an idle session's end is awaited by nobody until it closes. */
    private volatile @Nullable CompletableFuture<Void> future;
    @SuppressWarnings("unused") // through FINISHED
    private volatile int finished;
    /** The AfterDisconnect hooks are done: a future made from now on is complete at once. */
    private volatile boolean ended;
    /** See {@link #announce()}. */
    private volatile boolean announced;

    @SuppressWarnings("unchecked")
    CompletableFuture<Void> future() {
        CompletableFuture<Void> f = LazyFields.get(FUTURE, this, e -> new CompletableFuture<Void>());
        if (ended) {
            f.complete(null); // the session ended before anyone asked (a no-op once complete)
        }
        return f;
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
            ended = true;
            CompletableFuture<Void> f = future; // a future made after ended was set completes itself
            if (f != null) {
                f.complete(null);
            }
        }
    }
}
