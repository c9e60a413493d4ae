package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: before a REPLY body is decoded. A non-OK status is what the caller sees. */
@FunctionalInterface
public interface BeforeReadReplyBody extends Plugin {

    Status beforeReadReplyBody(ReadContext ctx);
}
