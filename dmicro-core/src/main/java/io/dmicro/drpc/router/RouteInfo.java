package io.dmicro.drpc.router;

import java.lang.reflect.Type;
import java.util.List;

/**
 * A registered route, as plugins, the actuator and route descriptions see it.
 *
 * @param name the service method, such as {@code /math/add}
 * @param kind what the route answers
 * @param argType the type its body is decoded into ({@link Void} when it takes none)
 * @param nonBlocking whether the handler runs on the I/O thread
 * @param plugins the names of the plugins that run for it, in order
 * @param replyType the type of a call's reply body ({@link Void} when there is none, {@link Object}
 *     when not known, as for a function route registered without one); {@link Void} for a push
 * @param meta the meta keys the handler declares it reads ({@link RouteMeta})
 */
public record RouteInfo(String name, RouteKind kind, Type argType, boolean nonBlocking, List<String> plugins,
        Type replyType, List<MetaInfo> meta) {

    public RouteInfo {
        plugins = List.copyOf(plugins);
        meta = List.copyOf(meta);
    }

    /** A route whose reply type and meta are not known. */
    public RouteInfo(String name, RouteKind kind, Type argType, boolean nonBlocking, List<String> plugins) {
        this(name, kind, argType, nonBlocking, plugins, kind == RouteKind.PUSH || kind == RouteKind.UNKNOWN_PUSH
                ? Void.class : Object.class, List.of());
    }
}
