package io.dmicro.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A JSON Schema in a few words: {@code {a: integer, b: integer}}, {@code array of string}. */
final class SchemaSummary {

    private SchemaSummary() {
    }

    static String of(JsonNode schema) {
        return of(schema, 0);
    }

    private static String of(JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString() : schema.path("type").asString("");
        if (type.equals("array")) {
            return "array of " + of(schema.path("items"), depth + 1);
        }
        if (type.equals("object") || schema.has("properties")) {
            if (depth > 2 || !schema.has("properties")) {
                return "object";
            }
            List<String> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                fields.add(p.getKey() + ": " + of(p.getValue(), depth + 1));
            }
            return "{" + String.join(", ", fields) + "}";
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(v -> values.add(v.asString()));
            return "one of " + String.join("|", values);
        }
        return type.isEmpty() ? "any" : type;
    }
}
