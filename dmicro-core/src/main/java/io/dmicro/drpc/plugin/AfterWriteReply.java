package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after a REPLY was written (route scope); a non-OK status is logged. */
@FunctionalInterface
public interface AfterWriteReply extends Plugin {

    Status afterWriteReply(WriteContext ctx);
}
