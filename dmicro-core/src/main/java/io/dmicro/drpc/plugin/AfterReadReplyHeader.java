package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: a REPLY was matched to its pending call (global scope). A non-OK status is what the caller sees. */
@FunctionalInterface
public interface AfterReadReplyHeader extends Plugin {

    Status afterReadReplyHeader(ReadContext ctx);
}
