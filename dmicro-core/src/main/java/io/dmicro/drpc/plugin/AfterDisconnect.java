package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after a session closed, actively or passively with no successful redial. A non-OK status is logged. */
@FunctionalInterface
public interface AfterDisconnect extends Plugin {

    Status afterDisconnect(io.dmicro.drpc.session.Session session);
}
