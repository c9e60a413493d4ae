package io.dmicro.drpc.router;

import io.dmicro.drpc.plugin.Plugin;

/** Hook: after a route is registered, with the route's container scope. A thrown exception fails the registration. */
@FunctionalInterface
public interface AfterRegRouter extends Plugin {

    void afterRegRouter(RouteInfo route);
}
