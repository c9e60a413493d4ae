package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: a PUSH header was read (global scope). A non-OK status drops the push. */
@FunctionalInterface
public interface AfterReadPushHeader extends Plugin {

    Status afterReadPushHeader(ReadContext ctx);
}
