package io.dmicro.drpc.proto.raw;

import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.status.QueryEscaper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Meta as drpc writes it (a JSON object) and as erpc writes it (a URL query). */
public final class MetaEncoding {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private MetaEncoding() {
    }

    public static String toJson(Meta meta) {
        if (meta.isEmpty()) {
            return "{}";
        }
        ObjectNode node = MAPPER.createObjectNode();
        meta.forEach(node::put);
        return MAPPER.writeValueAsString(node);
    }

    /** Reads a JSON object into {@code into}; non-string values keep their JSON text. */
    public static void fromJson(String json, Meta into) {
        if (json.isEmpty() || json.equals("{}")) {
            return;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("meta is not valid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("meta is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            into.set(e.getKey(), v.isString() ? v.asString() : v.toString());
        }
    }

    public static String toQuery(Meta meta) {
        if (meta.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        meta.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            QueryEscaper.append(out, k);
            if (!v.isEmpty()) {
                out.append('=');
                QueryEscaper.append(out, v);
            }
        });
        return out.toString();
    }

    public static void fromQuery(String query, Meta into) {
        if (query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.set(key, value);
        }
    }
}
