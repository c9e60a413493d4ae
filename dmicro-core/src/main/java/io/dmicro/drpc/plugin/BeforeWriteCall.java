package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: before a CALL is written; a non-OK status aborts the call with that status and nothing is sent. */
@FunctionalInterface
public interface BeforeWriteCall extends Plugin {

    Status beforeWriteCall(WriteContext ctx);
}
