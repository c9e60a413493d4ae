package io.dmicro.drpc.plugin.auth;

import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.status.Status;

/** The dialing side of the handshake: presents credentials once through {@code send} and judges the answer. */
@FunctionalInterface
public interface Bearer {

    /** Returns OK when authenticated; anything else fails this dial attempt. */
    Status authenticate(EarlySession session, AuthSender send);
}
