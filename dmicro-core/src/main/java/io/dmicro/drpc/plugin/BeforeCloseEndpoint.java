package io.dmicro.drpc.plugin;


/** Hook: the first step of closing an endpoint (a registry deregisters here). Exceptions are logged. */
@FunctionalInterface
public interface BeforeCloseEndpoint extends Plugin {

    void beforeCloseEndpoint(io.dmicro.drpc.Endpoint endpoint);
}
