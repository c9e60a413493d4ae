package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.drpc.EndpointConfig;

/** Tweaks the endpoint's configuration after {@code dmicro.*} and the Codec, Proto, filter and Plugin beans are applied; runs in {@code @Order}. */
@FunctionalInterface
public interface EndpointCustomizer {

    void customize(EndpointConfig.Builder builder);
}
