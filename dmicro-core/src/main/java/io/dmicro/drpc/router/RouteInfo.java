package io.dmicro.drpc.router;

import java.lang.reflect.Type;
import java.util.List;

/**
 * A registered route, as plugins and the actuator see it.
 *
 * @param name the service method, such as {@code /math/add}
 * @param kind what the route answers
 * @param argType the type its body is decoded into
 * @param nonBlocking whether the handler runs on the I/O thread
 * @param plugins the names of the plugins that run for it, in order
 */
public record RouteInfo(String name, RouteKind kind, Type argType, boolean nonBlocking, List<String> plugins) {
}
