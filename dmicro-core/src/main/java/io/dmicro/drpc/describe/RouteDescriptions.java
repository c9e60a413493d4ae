package io.dmicro.drpc.describe;

import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.router.RouteKind;
import io.dmicro.drpc.router.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes an endpoint's routes: the one place route descriptions come from. Unknown-route
 * handlers are left out (they have no name or types to tell).
 *
 * <pre>
 * ServiceDescription d = RouteDescriptions.of(endpoint.router());
 * d.route("/math/add").orElseThrow().argSchema();
 * </pre>
 */
public final class RouteDescriptions {

    private RouteDescriptions() {
    }

    public static ServiceDescription of(Router router) {
        List<RouteDescription> out = new ArrayList<>();
        for (RouteInfo r : router.routes()) {
            if (r.kind() == RouteKind.CALL || r.kind() == RouteKind.PUSH) {
                out.add(describe(r));
            }
        }
        return new ServiceDescription(out);
    }

    static RouteDescription describe(RouteInfo r) {
        boolean call = r.kind() == RouteKind.CALL;
        return new RouteDescription(r.name(), r.kind(), r.argType(), r.replyType(), JsonSchemas.schema(r.argType()),
                call ? JsonSchemas.schema(r.replyType()) : null, r.meta(), r.plugins());
    }
}
