package io.dmicro.drpc.plugin;


/** Hook: after a route is registered, with the route's container scope. A thrown exception fails the registration. */
@FunctionalInterface
public interface AfterRegRouter extends Plugin {

    void afterRegRouter(io.dmicro.drpc.router.RouteInfo route);
}
