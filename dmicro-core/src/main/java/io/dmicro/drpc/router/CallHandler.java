package io.dmicro.drpc.router;

import org.jspecify.annotations.Nullable;

/**
 * Answers a call. Returns the reply body, or a {@link java.util.concurrent.CompletionStage} of it.
 * Throwing a {@link io.dmicro.drpc.status.DrpcException} replies with its status; any other
 * exception replies 500 with its message.
 */
@FunctionalInterface
public interface CallHandler<A> {

    @Nullable Object handle(CallContext ctx, A arg) throws Exception;
}
