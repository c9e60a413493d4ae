package io.dmicro.drpc.proto.http;

import io.dmicro.drpc.describe.JsonSchemas;
import io.dmicro.drpc.describe.RouteDescription;
import io.dmicro.drpc.describe.ServiceDescription;
import io.dmicro.drpc.router.MetaInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 document of an endpoint's HTTP face, built from its route descriptions: every
 * call route is {@code POST /route} with its body and reply as JSON Schema (shared types under
 * {@code components/schemas}), the meta it declares as header parameters, and the failures the
 * {@link StatusStyle} maps to as responses whose body is the drpc status. Served at
 * {@code GET /openapi.json} by the HTTP proto, and by the actuator.
 */
public final class HttpOpenApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STATUS_SCHEMA = "DrpcStatus";
    private static final String JSON_TYPE = "application/json";

    private HttpOpenApi() {
    }

    public static ObjectNode document(ServiceDescription routes, HttpOptions options) {
        return document(routes, options, "drpc endpoint", "1");
    }

    public static ObjectNode document(ServiceDescription routes, HttpOptions options, String title, String version) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", title).put("version", version)
                .put("description", "Every call route as POST /route. Failures carry the drpc status as JSON in the body"
                        + " and in the X-Drpc-Status header.");
        ObjectNode paths = doc.putObject("paths");
        JsonSchemas.Shared schemas = JsonSchemas.shared();
        for (RouteDescription r : routes.routes()) {
            if (!r.isCall()) {
                continue;
            }
            String path = r.name().startsWith("/") ? r.name() : "/" + r.name();
            ObjectNode op = paths.putObject(path).putObject("post");
            op.put("operationId", operationId(r.name()));
            op.put("summary", "call " + r.name());
            if (!r.meta().isEmpty()) {
                ArrayNode params = op.putArray("parameters");
                for (MetaInfo m : r.meta()) {
                    ObjectNode p = params.addObject().put("name", m.name()).put("in", "header").put("required", m.required());
                    if (!m.description().isEmpty()) {
                        p.put("description", m.description());
                    }
                    p.putObject("schema").put("type", "string");
                }
            }
            JsonNode arg = schemas.reference(r.argType());
            if (arg != null) {
                ObjectNode body = op.putObject("requestBody").put("required", true);
                body.putObject("content").putObject(JSON_TYPE).set("schema", arg);
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject("200").put("description", "the reply");
            JsonNode reply = schemas.reference(r.replyType());
            if (reply != null) {
                ok.putObject("content").putObject(JSON_TYPE).set("schema", reply);
            }
            for (String code : failures(options.statusStyle()).keySet()) {
                responses.putObject(code).put("$ref", "#/components/responses/" + responseName(code));
            }
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode defs = components.putObject("schemas");
        JsonNode collected = schemas.definitions("components/schemas");
        if (collected != null && collected.isObject()) {
            defs.setAll((ObjectNode) collected);
        }
        defs.set(STATUS_SCHEMA, statusSchema());
        ObjectNode responses = components.putObject("responses");
        failures(options.statusStyle()).forEach((code, text) -> {
            ObjectNode resp = responses.putObject(responseName(code)).put("description", text);
            resp.putObject("headers").putObject("X-Drpc-Status").put("description", "the drpc status as JSON")
                    .putObject("schema").put("type", "string");
            resp.putObject("content").putObject(JSON_TYPE).putObject("schema").put("$ref", "#/components/schemas/" + STATUS_SCHEMA);
        });
        return doc;
    }

    /** The HTTP statuses a call can fail with, and what each means. */
    static Map<String, String> failures(StatusStyle style) {
        Map<String, String> out = new LinkedHashMap<>();
        if (style == StatusStyle.GO_299) {
            out.put("299", "Business Error: any failure, the drpc status in the body");
        } else {
            out.put("400", "the body cannot be decoded (drpc 400), or the request is malformed");
            out.put("401", "not authorized (drpc 401)");
            out.put("404", "no such route (drpc 404)");
            out.put("409", "conflict (drpc 409)");
            out.put("429", "too many requests (drpc 429)");
            out.put("500", "the handler failed (drpc 500, and application codes outside 400-599)");
            out.put("502", "a proxied peer failed (drpc 502, 100-105)");
            out.put("503", "unavailable (drpc 503)");
            out.put("504", "the handler timed out (drpc 408)");
        }
        out.put("406", "no codec writes what Accept asks for");
        out.put("413", "the request is over the frame limit");
        out.put("415", "no codec reads the Content-Type");
        return out;
    }

    private static String responseName(String code) {
        return "Status" + code;
    }

    private static String operationId(String route) {
        String id = route.replaceAll("[^A-Za-z0-9_]+", "_");
        return id.startsWith("_") ? id.substring(1) : id;
    }

    private static ObjectNode statusSchema() {
        ObjectNode s = JSON.createObjectNode().put("type", "object");
        s.putArray("required").add("code");
        ObjectNode props = s.putObject("properties");
        props.putObject("code").put("type", "integer").put("description", "the drpc status code");
        props.putObject("msg").put("type", "string");
        props.putObject("cause").put("type", "string");
        return s;
    }
}
