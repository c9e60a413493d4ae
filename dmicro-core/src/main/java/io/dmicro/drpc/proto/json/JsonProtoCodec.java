package io.dmicro.drpc.proto.json;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.raw.MetaEncoding;
import io.dmicro.drpc.proto.raw.RawDialect;
import io.dmicro.drpc.status.StatusEncoding;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON proto's payload, inside the frame of {@link PipedFrameCodec}:
 *
 * <pre>
 * {"seq":N,"mtype":N,"serviceMethod":"…","status":"&lt;status text&gt;","meta":"&lt;meta text&gt;","bodyCodec":N,"body":"&lt;body text&gt;"}
 * </pre>
 *
 * In the drpc dialect status and meta are JSON texts held in strings; in the erpc dialect they are
 * URL queries. The body is the codec's bytes as a UTF-8 string. Unlike the original (reference
 * §21.4), every character a JSON string needs escaped is escaped, not only {@code "}; readers of
 * the original parse it the same. A body that is not UTF-8 text (protobuf bodies) does not survive
 * this proto, as in the original: use the protobuf or raw proto for those.
 */
final class JsonProtoCodec extends PipedFrameCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final boolean drpc;

    JsonProtoCodec(RawDialect dialect, ProtoConfig config) {
        super("json", config);
        this.drpc = dialect == RawDialect.DRPC;
    }

    @Override
    protected byte[] encodePayload(Message m) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", m.seq());
        node.put("mtype", m.type().code());
        node.put("serviceMethod", m.serviceMethod());
        node.put("status", drpc ? StatusEncoding.toJson(m.status()) : StatusEncoding.toQuery(m.status()));
        node.put("meta", drpc ? MetaEncoding.toJson(m.meta()) : MetaEncoding.toQuery(m.meta()));
        node.put("bodyCodec", m.bodyCodec() & 0xFF);
        node.put("body", new String(m.body(), StandardCharsets.UTF_8));
        return MAPPER.writeValueAsBytes(node);
    }

    @Override
    protected Message decodePayload(byte[] payload) {
        JsonNode node = readObject(payload);
        Message m = header(node);
        String status = text(node, "status");
        m.status(drpc ? StatusEncoding.fromJson(status) : StatusEncoding.fromQuery(status));
        String meta = text(node, "meta");
        if (drpc) {
            MetaEncoding.fromJson(meta, m.meta());
        } else {
            MetaEncoding.fromQuery(meta, m.meta());
        }
        m.bodyCodec((byte) number(node, "bodyCodec"));
        m.body(text(node, "body").getBytes(StandardCharsets.UTF_8));
        return m;
    }

    @Override
    protected @Nullable Message peekHeader(byte[] payload) {
        return header(readObject(payload));
    }

    private static Message header(JsonNode node) {
        return new Message(number(node, "seq"), MessageType.fromCode(number(node, "mtype")), text(node, "serviceMethod"));
    }

    private static JsonNode readObject(byte[] payload) {
        JsonNode node;
        try {
            node = MAPPER.readTree(payload);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        return node;
    }

    private static int number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(field + " is not a 32-bit integer: " + v);
        }
        return v.asInt();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return v.asString();
    }
}
