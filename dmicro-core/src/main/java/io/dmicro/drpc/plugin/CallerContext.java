package io.dmicro.drpc.plugin;

import org.jspecify.annotations.Nullable;

/**
 * Hook: carries what a calling thread holds (its current observation, its trace context) to the
 * thread a {@code ServiceClient} call is finally sent from, which may be another one when the call
 * waited for an instance list or a dial. {@link #captureCallerContext} runs on the caller's thread
 * when the call starts; the returned context is restored around the send of each attempt.
 */
@FunctionalInterface
public interface CallerContext extends Plugin {

    /** What to restore later; null when the caller holds nothing for this plugin. */
    @Nullable Captured captureCallerContext();

    /** A captured context. */
    @FunctionalInterface
    interface Captured {

        /** Makes the context current on this thread until the scope is closed. */
        HandlerScope.Scope restore();
    }
}
