package io.dmicro.drpc.plugin.securebody;

import io.dmicro.drpc.codec.ProtobufCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The encrypted body on the wire, drpc's {@code Encrypt{cipherVersion = 1, ciphertext = 2}}:
 * protobuf when the message's codec is protobuf, JSON {@code {"cipherVersion":..,"ciphertext":..}}
 * for every other codec.
 */
record Envelope(String cipherVersion, String ciphertext) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    byte[] encode(byte codecId) {
        if (codecId == ProtobufCodec.ID) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeField(out, 1, cipherVersion);
            writeField(out, 2, ciphertext);
            return out.toByteArray();
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("cipherVersion", cipherVersion);
        node.put("ciphertext", ciphertext);
        return JSON.writeValueAsBytes(node);
    }

    static Envelope decode(byte[] body, byte codecId) {
        if (codecId == ProtobufCodec.ID) {
            return decodeProtobuf(body);
        }
        JsonNode node = JSON.readTree(body);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the secure body is not a JSON object");
        }
        return new Envelope(text(node, "cipherVersion"), text(node, "ciphertext"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    private static void writeField(ByteArrayOutputStream out, int field, String value) {
        if (value.isEmpty()) {
            return; // proto3 leaves default values out
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(field << 3 | 2);
        int n = bytes.length;
        while ((n & ~0x7f) != 0) {
            out.write((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(bytes);
    }

    private static Envelope decodeProtobuf(byte[] b) {
        String version = "";
        String text = "";
        int i = 0;
        while (i < b.length) {
            int tag = b[i++] & 0xff;
            if ((tag & 7) != 2) {
                throw new IllegalArgumentException("unexpected protobuf wire type in the secure body: " + (tag & 7));
            }
            int len = 0;
            int shift = 0;
            int v;
            do {
                if (i >= b.length || shift > 28) {
                    throw new IllegalArgumentException("truncated protobuf length in the secure body");
                }
                v = b[i++] & 0xff;
                len |= (v & 0x7f) << shift;
                shift += 7;
            } while ((v & 0x80) != 0);
            if (len < 0 || i + len > b.length) {
                throw new IllegalArgumentException("truncated protobuf field in the secure body");
            }
            String s = new String(b, i, len, StandardCharsets.UTF_8);
            i += len;
            switch (tag >>> 3) {
                case 1 -> version = s;
                case 2 -> text = s;
                default -> { } // unknown fields are skipped, as protobuf does
            }
        }
        return new Envelope(version, text);
    }
}
