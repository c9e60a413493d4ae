package io.dmicro.drpc.client;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;

/**
 * One attempt of a call that failed, as a {@link RetryPolicy} judges it.
 *
 * @param service the service called
 * @param route the route called
 * @param error why it failed; {@link DrpcException#notExecuted()} says whether it certainly did not run
 * @param attempt which attempt this was, from 1
 * @param sent whether the request was handed to a session; false when no instance could be chosen
 *     or dialed (the peer never saw it)
 * @param idempotent whether the call may run twice ({@code CallOptions.idempotent}, or a route the client was told is)
 */
public record FailedAttempt(String service, String route, DrpcException error, int attempt, boolean sent, boolean idempotent) {

    public Status status() {
        return error.status();
    }
}
