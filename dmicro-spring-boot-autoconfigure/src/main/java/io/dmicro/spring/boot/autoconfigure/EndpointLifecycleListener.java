package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.drpc.Endpoint;

/** Beans told when the endpoint has started listening and when it begins to stop; the registry bridge is one. */
public interface EndpointLifecycleListener {

    /** Every listen URI is bound. */
    default void started(Endpoint endpoint) {
    }

    /** The first step of a graceful stop, before the endpoint stops accepting. */
    default void stopping(Endpoint endpoint) {
    }
}
