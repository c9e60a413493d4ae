package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: before a PUSH is written; a non-OK status aborts the push and is returned to the caller. */
@FunctionalInterface
public interface BeforeWritePush extends Plugin {

    Status beforeWritePush(WriteContext ctx);
}
