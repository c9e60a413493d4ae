package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after the route lookup, before the body is decoded (route scope); may replace the body bytes. A non-OK status is the reply and the handler is skipped. */
@FunctionalInterface
public interface BeforeReadCallBody extends Plugin {

    Status beforeReadCallBody(ReadContext ctx);
}
