package io.dmicro.drpc.describe;

import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.router.Router;

/**
 * The service-description route, {@value #ROUTE}: a call without a body that answers the
 * endpoint's {@link ServiceDescription} as JSON (routes, kinds, JSON Schemas of arguments and
 * replies), as gRPC's server reflection does for grpcurl; {@code dmicro describe} reads it. It is a
 * route like any other, so the endpoint's plugins (authentication, overload) apply to it.
 *
 * <p>The engine does not serve it unless asked ({@link #install}); the Spring Boot starter does by
 * default ({@code dmicro.endpoint.describe.enabled=false} turns it off).
 */
public final class DescribeRoute {

    /** The route's name. */
    public static final String ROUTE = "/dmicro/describe";

    private DescribeRoute() {
    }

    /** Serves the description of {@code router}'s routes, as they are at each call, at {@value #ROUTE}. */
    public static void install(Router router) {
        router.routeCallFunc(ROUTE, Void.class, Object.class, (ctx, none) -> {
            ctx.setReplyBodyCodec("json");
            return RouteDescriptions.of(router).toJson();
        }, RouteOptions.DEFAULT);
    }
}
