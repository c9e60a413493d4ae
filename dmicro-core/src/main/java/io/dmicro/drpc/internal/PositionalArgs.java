package io.dmicro.drpc.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dmicro.drpc.describe.JsonSchemas;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON array body for an argument that is no array: JSON-RPC's positional params
 * ({@code "params":[1,2]}). For a record the values fill its components in order
 * ({@code {"a":1,"b":2}}); for any other single argument a one-value array is that value. What
 * cannot be mapped (too many values, several for one argument) is a 400 (JSON-RPC's -32602) that
 * says which object to send instead.
 */
final class PositionalArgs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PositionalArgs() {
    }

    /** Whether a JSON body is an array, by its first byte after white space. */
    static boolean isArray(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '[';
            }
        }
        return false;
    }

    /**
     * The body with an array mapped onto the argument type, or the same body when the type takes an
     * array itself (a list, an array, {@code Object}, a JSON tree) or the body is no valid array
     * (the codec then says what is wrong with it).
     */
    static byte[] toArgument(byte[] body, Type argType, String serviceMethod) {
        Class<?> c = argType instanceof Class<?> k ? k
                : argType instanceof ParameterizedType p && p.getRawType() instanceof Class<?> k ? k : null;
        if (c == null || takesArrays(c)) {
            return body;
        }
        JsonNode values;
        try {
            values = JSON.readTree(body);
        } catch (JacksonException e) {
            return body;
        }
        if (values == null || !values.isArray()) {
            return body;
        }
        if (c.isRecord()) {
            return toRecord(values, c, serviceMethod);
        }
        if (values.size() == 1) {
            return JSON.writeValueAsBytes(values.get(0));
        }
        List<String> fields = fieldsOf(argType);
        throw Status.withCause(Status.BAD_MESSAGE, "positional params are not supported for " + serviceMethod + ", which takes one "
                + argType.getTypeName() + "; send " + (!fields.isEmpty() ? "an object " + objectOf(fields)
                : java.util.Map.class.isAssignableFrom(c) ? "an object {\"name\":value,...}"
                : "the value itself, not an array of " + values.size())).toException();
    }

    private static byte[] toRecord(JsonNode values, Class<?> record, String serviceMethod) throws DrpcException {
        List<String> names = new ArrayList<>();
        for (RecordComponent rc : record.getRecordComponents()) {
            JsonProperty renamed = rc.getAnnotation(JsonProperty.class);
            if (renamed == null && rc.getAccessor() != null) {
                renamed = rc.getAccessor().getAnnotation(JsonProperty.class);
            }
            names.add(renamed != null && !renamed.value().isEmpty() ? renamed.value() : rc.getName());
        }
        if (values.size() > names.size()) {
            throw Status.withCause(Status.BAD_MESSAGE, "positional params: " + serviceMethod + " takes " + names.size()
                    + " (" + String.join(", ", names) + "), not " + values.size() + "; send at most " + names.size()
                    + " in that order, or an object " + objectOf(names)).toException();
        }
        ObjectNode named = JSON.createObjectNode();
        for (int i = 0; i < values.size(); i++) {
            named.set(names.get(i), values.get(i));
        }
        return JSON.writeValueAsBytes(named);
    }

    private static boolean takesArrays(Class<?> c) {
        return c == Object.class || c.isArray() || Collection.class.isAssignableFrom(c) || Iterable.class == c
                || JsonNode.class.isAssignableFrom(c);
    }

    /** The property names of an object argument, or none when it has none (a scalar, a map). */
    private static List<String> fieldsOf(Type type) {
        try {
            @Nullable ObjectNode schema = JsonSchemas.schema(type);
            JsonNode properties = schema == null ? null : schema.get("properties");
            return properties == null || !properties.isObject() ? List.of() : List.copyOf(properties.propertyNames());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String objectOf(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\":...").collect(Collectors.joining(",", "{", "}"));
    }
}
