package io.dmicro.drpc;

import io.dmicro.drpc.plugin.Plugin;

/** Hook: after every session of a closing endpoint has closed; {@code error} is the merged close error or null. Exceptions are logged. */
@FunctionalInterface
public interface AfterCloseEndpoint extends Plugin {

    void afterCloseEndpoint(Endpoint endpoint, @org.jspecify.annotations.Nullable Throwable error);
}
