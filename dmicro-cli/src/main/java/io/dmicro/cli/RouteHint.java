package io.dmicro.cli;

import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What to say after a call's 404: the route the user probably meant. Routes are paths
 * ({@code /math/add}); a route typed as {@code math.add}, {@code math/add} or {@code /math/whoAmI}
 * is matched against the routes the endpoint describes ({@code /dmicro/describe}) when it serves
 * them, else turned into a path by its form alone.
 */
final class RouteHint {

    private RouteHint() {
    }

    /** The hint line for a route the peer has no handler for, or null when there is nothing to suggest. */
    static @Nullable String after404(Session session, String route, CallOptions options, Duration timeout) {
        String suggestion = suggest(route, describedRoutes(session, options, timeout));
        return suggestion == null ? null : "did you mean " + suggestion + "?";
    }

    /**
     * The route to suggest for {@code route}: with {@code known} (the endpoint's routes), the one
     * that differs from it only in form (leading slash, dots for slashes, case, {@code _} and
     * {@code -}); without it, {@code route} as a path. Null when there is none, or it is {@code route} itself.
     */
    static @Nullable String suggest(String route, @Nullable List<String> known) {
        if (known != null) {
            String key = key(route);
            return known.stream().filter(k -> !k.equals(route) && key(k).equals(key)).findFirst().orElse(null);
        }
        if (route.startsWith("/") && !route.contains(".")) {
            return null;
        }
        String path = "/" + strip(route).replace('.', '/');
        return path.equals(route) || path.equals("/") ? null : path;
    }

    private static String strip(String route) {
        int i = 0;
        while (i < route.length() && route.charAt(i) == '/') {
            i++;
        }
        return route.substring(i);
    }

    private static String key(String route) {
        return strip(route).replace('.', '/').replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The routes the endpoint describes, asked with the user's options (an auth plugin guards the
     * description too) but in JSON; null when it does not describe them (switched off, not a DMicro endpoint).
     */
    private static @Nullable List<String> describedRoutes(Session session, CallOptions options, Duration timeout) {
        try {
            byte[] reply = Replies.await(session.<byte[]>call(DescribeCommand.ROUTE, null, byte[].class,
                    options.withTimeout(timeout).withAcceptBodyCodec("json")), timeout);
            JsonNode routes = BodyFormat.JSON.readTree(reply == null ? new byte[0] : reply).path("routes");
            if (!routes.isArray()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            routes.forEach(r -> names.add(r.path("name").asString()));
            return names;
        } catch (RuntimeException e) { // a DrpcException (404, 401, ...) or a reply that is not the description
            return null;
        }
    }
}
