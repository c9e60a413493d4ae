package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: the PUSH body was decoded, just before the handler (route scope). A non-OK status drops the push. */
@FunctionalInterface
public interface AfterReadPushBody extends Plugin {

    Status afterReadPushBody(ReadContext ctx);
}
