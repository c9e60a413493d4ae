package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after a dialed connection is up and before messages flow; the place for handshakes (auth). A non-OK status closes the connection and counts as a failed dial attempt. */
@FunctionalInterface
public interface AfterDial extends Plugin {

    Status afterDial(EarlySession session, boolean isRedial);
}
