package io.dmicro.spring.boot.autoconfigure.actuator;

import java.util.List;

/**
 * One route.
 *
 * @param name the service method, such as {@code /math/add}
 * @param kind CALL, PUSH, UNKNOWN_CALL or UNKNOWN_PUSH
 * @param argType the type the body decodes into
 * @param nonBlocking whether the handler runs on the I/O thread
 * @param plugins the plugins that run for it, in order
 */
public record RouteDescriptor(String name, String kind, String argType, boolean nonBlocking, List<String> plugins) {
}
