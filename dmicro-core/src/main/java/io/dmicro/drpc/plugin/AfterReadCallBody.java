package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: the CALL body was decoded, just before the handler (route scope). A non-OK status is the reply and the handler is skipped. */
@FunctionalInterface
public interface AfterReadCallBody extends Plugin {

    Status afterReadCallBody(ReadContext ctx);
}
