package io.dmicro.drpc.plugin.auth;

import io.dmicro.drpc.status.Status;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A checker's verdict: the AUTH_REPLY body to send back, and the status that accepts (OK) or
 * refuses the peer.
 *
 * @param reply the body of the AUTH_REPLY, or null for none
 * @param status OK to accept; anything else is sent to the peer and closes the session
 */
public record AuthResult(@Nullable Object reply, Status status) {

    public AuthResult {
        Objects.requireNonNull(status, "status");
    }

    public static AuthResult accept(@Nullable Object reply) {
        return new AuthResult(reply, Status.OK);
    }

    /** Refuses with 401 and the given reason. */
    public static AuthResult refuse(String reason) {
        return new AuthResult(null, Status.withCause(Status.UNAUTHORIZED, reason));
    }

    public static AuthResult refuse(Status status) {
        return new AuthResult(null, status);
    }
}
