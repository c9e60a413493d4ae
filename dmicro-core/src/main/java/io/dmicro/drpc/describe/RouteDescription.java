package io.dmicro.drpc.describe;

import io.dmicro.drpc.router.MetaInfo;
import io.dmicro.drpc.router.RouteKind;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One route as tools see it: its name, whether it is a call or a push, the Java types of its
 * bodies and their JSON Schemas (draft 2020-12, what OpenAPI 3.1 uses), and the meta it reads.
 * The schemas are self-contained: shared types sit under their own {@code $defs}. Treat them as
 * read-only.
 *
 * @param name the service method, such as {@code /math/add}
 * @param kind {@link RouteKind#CALL} or {@link RouteKind#PUSH}
 * @param argType the type the request body decodes into ({@link Void} for none)
 * @param replyType a call's reply type ({@link Void} for none, {@link Object} when not known);
 *     {@link Void} for a push
 * @param argSchema the request body's schema, or null when the route takes no body
 * @param replySchema the reply body's schema, or null for a push or a call that replies nothing
 * @param meta the meta keys the handler declares it reads
 * @param plugins the names of the plugins that run for it, in order
 */
public record RouteDescription(String name, RouteKind kind, Type argType, Type replyType, @Nullable JsonNode argSchema,
        @Nullable JsonNode replySchema, List<MetaInfo> meta, List<String> plugins) {

    public RouteDescription {
        meta = List.copyOf(meta);
        plugins = List.copyOf(plugins);
    }

    public boolean isCall() {
        return kind == RouteKind.CALL;
    }
}
