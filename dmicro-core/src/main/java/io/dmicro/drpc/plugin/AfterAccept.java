package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after a connection is accepted and before messages flow; a non-OK status closes the session. */
@FunctionalInterface
public interface AfterAccept extends Plugin {

    Status afterAccept(EarlySession session);
}
