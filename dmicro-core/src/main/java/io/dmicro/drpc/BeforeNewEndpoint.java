package io.dmicro.drpc;

import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.PluginContainer;

/** Hook: runs in the endpoint's constructor, before the configuration is checked; may change the configuration and add plugins. A thrown exception fails construction. */
@FunctionalInterface
public interface BeforeNewEndpoint extends Plugin {

    void beforeNewEndpoint(EndpointConfig.Builder config, PluginContainer plugins);
}
