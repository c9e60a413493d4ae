package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: before a PUSH body is decoded (route scope). A non-OK status drops the push. */
@FunctionalInterface
public interface BeforeReadPushBody extends Plugin {

    Status beforeReadPushBody(ReadContext ctx);
}
