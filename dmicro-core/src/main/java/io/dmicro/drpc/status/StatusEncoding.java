package io.dmicro.drpc.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two wire forms of a {@link Status}: drpc's JSON object {@code {"code":N,"msg":"…","cause":"…"}}
 * (all three keys, always) and erpc's query string {@code code=N[&msg=…][&cause=…]}.
 */
public final class StatusEncoding {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private StatusEncoding() {
    }

    public static String toJson(@Nullable Status status) {
        Status s = status == null ? Status.OK : status;
        ObjectNode node = MAPPER.createObjectNode();
        node.put("code", s.code());
        node.put("msg", s.isOk() ? "" : s.msg());
        node.put("cause", s.cause() == null ? "" : s.cause());
        return MAPPER.writeValueAsString(node);
    }

    /** Parses the JSON form; an empty text is OK. */
    public static Status fromJson(String json) {
        if (json.isEmpty()) {
            return Status.OK;
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("status is not a JSON object: " + abbreviate(json));
            }
            JsonNode code = node.get("code");
            if (code != null && !code.isNumber()) {
                throw new IllegalArgumentException("status code is not a number: " + abbreviate(json));
            }
            return Status.of(code == null ? 0 : code.asInt(), text(node, "msg"), text(node, "cause"));
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("status is not valid JSON: " + abbreviate(json), e);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    public static String toQuery(@Nullable Status status) {
        Status s = status == null ? Status.OK : status;
        StringBuilder out = new StringBuilder("code=").append(s.code());
        if (!s.isOk() && !s.msg().isEmpty()) {
            out.append("&msg=");
            QueryEscaper.append(out, s.msg());
        }
        if (s.cause() != null) {
            out.append("&cause=");
            QueryEscaper.append(out, s.cause());
        }
        return out.toString();
    }

    /** Parses the query form; an empty text is OK. */
    public static Status fromQuery(String query) {
        if (query.isEmpty()) {
            return Status.OK;
        }
        int code = 0;
        String msg = null;
        String cause = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            switch (key) {
                case "code" -> {
                    try {
                        code = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("status code is not a number: " + abbreviate(query));
                    }
                }
                case "msg" -> msg = value;
                case "cause" -> cause = value;
                default -> { }
            }
        }
        return Status.of(code, msg, cause);
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
