package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: a CALL header was read, before the route lookup (global scope); may rewrite the service method. A non-OK status is the reply and the handler is skipped. */
@FunctionalInterface
public interface AfterReadCallHeader extends Plugin {

    Status afterReadCallHeader(ReadContext ctx);
}
