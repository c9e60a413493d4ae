package io.dmicro.cli;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a call's outcome, never longer than its timeout and a grace: the tool must end even if
 * the engine's own deadline never fires.
 */
final class Replies {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private Replies() {
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new DrpcException(Status.withCause(Status.HANDLE_TIMEOUT, "no reply within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrpcException(Status.withCause(Status.UNKNOWN_ERROR, "interrupted"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DrpcException d) {
                throw d;
            }
            throw new DrpcException(Status.withCause(Status.UNKNOWN_ERROR, String.valueOf(e.getCause())), e.getCause());
        }
    }
}
