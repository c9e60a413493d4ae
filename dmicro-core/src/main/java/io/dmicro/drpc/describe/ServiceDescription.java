package io.dmicro.drpc.describe;

import io.dmicro.drpc.router.MetaInfo;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every route of an endpoint, sorted by name; what {@code dmicro describe} prints and what the
 * OpenAPI document is built from. {@link #toJson()} gives its wire form:
 *
 * <pre>
 * {"routes":[{"name":"/math/add","kind":"call","argType":"io.dmicro.demo.Args","replyType":"int",
 *             "argSchema":{...},"replySchema":{"type":"integer"},
 *             "meta":[{"name":"X-Tenant","description":"...","required":false}],"plugins":[]}]}
 * </pre>
 */
public record ServiceDescription(List<RouteDescription> routes) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ServiceDescription {
        routes = List.copyOf(routes);
    }

    public Optional<RouteDescription> route(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The description as JSON, with type names in place of Java types. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("routes");
        for (RouteDescription r : routes) {
            ObjectNode o = list.addObject();
            o.put("name", r.name());
            o.put("kind", r.isCall() ? "call" : "push");
            o.put("argType", r.argType().getTypeName());
            o.put("replyType", r.replyType().getTypeName());
            putSchema(o, "argSchema", r.argSchema());
            putSchema(o, "replySchema", r.replySchema());
            ArrayNode meta = o.putArray("meta");
            for (MetaInfo m : r.meta()) {
                meta.addObject().put("name", m.name()).put("description", m.description()).put("required", m.required());
            }
            ArrayNode plugins = o.putArray("plugins");
            r.plugins().forEach(plugins::add);
        }
        return root;
    }

    /** {@link #toJson()} as text. */
    public String toJsonString() {
        return JSON.writeValueAsString(toJson());
    }

    private static void putSchema(ObjectNode o, String field, JsonNode schema) {
        if (schema == null) {
            o.putNull(field);
        } else {
            o.set(field, schema.deepCopy());
        }
    }
}
