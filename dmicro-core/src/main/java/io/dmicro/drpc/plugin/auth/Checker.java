package io.dmicro.drpc.plugin.auth;

import io.dmicro.drpc.plugin.EarlySession;

/**
 * The accepting side of the handshake: reads the peer's credentials once through {@code receive}
 * and decides. A checker commonly names the session after the user with
 * {@link EarlySession#setId} before accepting.
 */
@FunctionalInterface
public interface Checker {

    AuthResult check(EarlySession session, AuthReceiver receive);
}
