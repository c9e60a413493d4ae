package io.dmicro.drpc.plugin.auth;

import org.jspecify.annotations.Nullable;

/**
 * Receives the one AUTH_CALL of a handshake and decodes its body. Anything but an AUTH_CALL, or
 * nothing within the handshake timeout, throws a {@link io.dmicro.drpc.status.DrpcException}
 * (401 for the wrong type); a second use fails with 500.
 */
@FunctionalInterface
public interface AuthReceiver {

    <T> @Nullable T receive(Class<T> credentialsType);
}
