package io.dmicro.drpc.plugin.auth;

import io.dmicro.drpc.status.Status;
import org.jspecify.annotations.Nullable;

/**
 * What the accepting side answered to an auth request.
 *
 * @param status OK when the peer was accepted
 * @param body the decoded AUTH_REPLY body, null when empty
 */
public record AuthReply<T>(Status status, @Nullable T body) {
}
