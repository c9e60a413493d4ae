package io.dmicro.drpc.plugin;


/** Hook: runs in the endpoint's constructor, before the configuration is checked; may change the configuration and add plugins. A thrown exception fails construction. */
@FunctionalInterface
public interface BeforeNewEndpoint extends Plugin {

    void beforeNewEndpoint(io.dmicro.drpc.EndpointConfig.Builder config, PluginContainer plugins);
}
