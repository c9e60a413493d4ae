package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: before a REPLY is written (route scope); a non-OK status is logged and the reply is still written. */
@FunctionalInterface
public interface BeforeWriteReply extends Plugin {

    Status beforeWriteReply(WriteContext ctx);
}
