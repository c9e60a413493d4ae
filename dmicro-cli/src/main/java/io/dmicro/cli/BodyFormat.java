package io.dmicro.cli;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.Codecs;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Shows bodies to people (pretty JSON, text, or base64) and to machines (a JSON value). */
final class BodyFormat {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private BodyFormat() {
    }

    static String codecName(Codecs codecs, byte id) {
        if (id == 0) {
            return "none";
        }
        Codec c = codecs.get(id);
        return c == null ? "id " + (char) id : c.name();
    }

    /** Pretty JSON when the body is JSON, the text when it is UTF-8, else {@code base64:...}. */
    static String pretty(byte[] body) {
        JsonNode tree = tree(body);
        if (tree != null) {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        }
        String text = text(body);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(body);
    }

    /** One line: compact JSON, or the text, or {@code base64:...}. */
    static String oneLine(byte[] body) {
        JsonNode tree = tree(body);
        if (tree != null) {
            return JSON.writeValueAsString(tree);
        }
        String text = text(body);
        return text != null ? text.replace("\n", "\\n") : "base64:" + Base64.getEncoder().encodeToString(body);
    }

    /** The body as a JSON value for {@code --json}: the JSON itself, a string, or {@code {"base64": ...}}. */
    static JsonNode value(byte[] body) {
        JsonNode tree = tree(body);
        if (tree != null) {
            return tree;
        }
        String text = text(body);
        if (text != null) {
            return JsonNodeFactory.instance.stringNode(text);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("base64", Base64.getEncoder().encodeToString(body));
        return o;
    }

    private static @Nullable JsonNode tree(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        byte first = body[0];
        if (first != '{' && first != '[' && first != '"' && first != '-' && !(first >= '0' && first <= '9')
                && first != 't' && first != 'f' && first != 'n' && first != ' ') {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static @Nullable String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
