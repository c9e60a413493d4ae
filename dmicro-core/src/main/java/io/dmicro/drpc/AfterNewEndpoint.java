package io.dmicro.drpc;

import io.dmicro.drpc.plugin.Plugin;

/** Hook: runs at the end of the endpoint's constructor; plugins register routes or start background work here. A thrown exception fails construction. */
@FunctionalInterface
public interface AfterNewEndpoint extends Plugin {

    void afterNewEndpoint(Endpoint endpoint);
}
