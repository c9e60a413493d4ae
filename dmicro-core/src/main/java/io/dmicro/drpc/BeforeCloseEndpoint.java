package io.dmicro.drpc;

import io.dmicro.drpc.plugin.Plugin;

/** Hook: the first step of closing an endpoint (a registry deregisters here). Exceptions are logged. */
@FunctionalInterface
public interface BeforeCloseEndpoint extends Plugin {

    void beforeCloseEndpoint(Endpoint endpoint);
}
