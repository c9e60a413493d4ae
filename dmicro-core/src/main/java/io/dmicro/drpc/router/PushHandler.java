package io.dmicro.drpc.router;

/** Handles a push. Exceptions are logged; a push has no reply. */
@FunctionalInterface
public interface PushHandler<A> {

    void handle(PushContext ctx, A arg) throws Exception;
}
