package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after a CALL was written; a non-OK status is logged and the call goes on. */
@FunctionalInterface
public interface AfterWriteCall extends Plugin {

    Status afterWriteCall(WriteContext ctx);
}
