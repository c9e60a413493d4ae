package io.dmicro.drpc.plugin;

import org.jspecify.annotations.Nullable;

/**
 * Hook: around a CALL's or PUSH's handler (route scope), on the thread the handler runs on. What a
 * plugin opens here (an observation's scope, a trace context, MDC entries) is current while the
 * handler runs and is closed, in reverse plugin order, when the handler returns (for an asynchronous
 * handler: when its method returns, not when its future completes). A throw is logged and the handler
 * still runs.
 */
@FunctionalInterface
public interface HandlerScope extends Plugin {

    /** Opens a scope for the handler of {@code ctx}; null when there is nothing to close. */
    @Nullable Scope openHandlerScope(ReadContext ctx);

    /** What {@link #openHandlerScope} opened; closed exactly once, on the thread that opened it. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        /** A scope with nothing to close. */
        Scope NONE = () -> { };

        @Override
        void close();
    }
}
