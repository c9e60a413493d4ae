package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: a REPLY with an OK status was decoded. A non-OK status is what the caller sees. */
@FunctionalInterface
public interface AfterReadReplyBody extends Plugin {

    Status afterReadReplyBody(ReadContext ctx);
}
