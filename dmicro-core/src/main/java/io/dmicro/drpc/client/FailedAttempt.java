package io.dmicro.drpc.client;

import io.dmicro.drpc.status.Status;

/**
 * One attempt of a call that failed, as a {@link RetryPolicy} judges it.
 *
 * @param service the service called
 * @param route the route called
 * @param status why it failed
 * @param attempt which attempt this was, from 1
 * @param sent whether the request was handed to a session; false when no instance could be chosen
 *     or dialed (the peer never saw it)
 * @param idempotent whether the client was told the route may run twice
 */
public record FailedAttempt(String service, String route, Status status, int attempt, boolean sent, boolean idempotent) {
}
