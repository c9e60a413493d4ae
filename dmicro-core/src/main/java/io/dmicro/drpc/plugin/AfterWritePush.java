package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after a PUSH was written; a non-OK status is logged. */
@FunctionalInterface
public interface AfterWritePush extends Plugin {

    Status afterWritePush(WriteContext ctx);
}
