package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: when a session is ready for its next message (at start and after each message); a non-OK status closes the session. */
@FunctionalInterface
public interface BeforeReadHeader extends Plugin {

    Status beforeReadHeader(EarlySession session);
}
