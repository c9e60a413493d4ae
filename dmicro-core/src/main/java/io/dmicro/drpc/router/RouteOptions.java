package io.dmicro.drpc.router;

import io.dmicro.drpc.plugin.Plugin;
import java.util.List;

/**
 * How a function route runs.
 *
 * @param nonBlocking run the handler on the I/O thread (see {@link NonBlocking})
 * @param plugins plugins for this route only, after the endpoint's middle plugins
 */
public record RouteOptions(boolean nonBlocking, List<Plugin> plugins) {

    public static final RouteOptions DEFAULT = new RouteOptions(false, List.of());

    public RouteOptions {
        plugins = List.copyOf(plugins);
    }

    public static RouteOptions nonBlockingRoute() {
        return new RouteOptions(true, List.of());
    }

    public static RouteOptions withPlugins(Plugin... plugins) {
        return new RouteOptions(false, List.of(plugins));
    }
}
