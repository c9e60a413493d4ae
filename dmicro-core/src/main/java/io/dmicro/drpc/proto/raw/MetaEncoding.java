package io.dmicro.drpc.proto.raw;

import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.status.QueryEscaper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Meta as drpc writes it (a JSON object) and as erpc writes it (a URL query). */
public final class MetaEncoding {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Keys the engine writes on many messages: read back as these constants instead of a new string each. */
    private static final String[] KNOWN_KEYS = {Meta.TIMEOUT, Meta.ACCEPT_BODY_CODEC, Meta.REAL_IP};
    private static final byte[][] KNOWN_KEY_BYTES = new byte[KNOWN_KEYS.length][];

    static {
        for (int i = 0; i < KNOWN_KEYS.length; i++) {
            KNOWN_KEY_BYTES[i] = KNOWN_KEYS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private MetaEncoding() {
    }

    /**
     * Writes meta exactly as Go's {@code encoding/json} writes the original's meta map: keys sorted
     * (by code point, which is Go's byte order of UTF-8), strings escaped with HTML escaping on
     * ({@code <}, {@code >}, {@code &} as {@code &#92;u003c}, {@code &#92;u003e}, {@code &#92;u0026}), so a frame
     * we pack is byte for byte the frame a Go peer packs.
     */
    public static String toJson(Meta meta) {
        if (meta.isEmpty()) {
            return "{}";
        }
        if (meta.size() == 1) { // the common case, such as the deadline every call carries: nothing to sort
            StringBuilder out = new StringBuilder(32).append('{');
            meta.forEach((k, v) -> {
                GoJsonStrings.append(out, k);
                out.append(':');
                GoJsonStrings.append(out, v);
            });
            return out.append('}').toString();
        }
        List<String> keys = new ArrayList<>(meta.asMap().keySet());
        keys.sort(MetaEncoding::compareCodePoints);
        StringBuilder out = new StringBuilder(16 * keys.size()).append('{');
        for (String key : keys) {
            if (out.length() > 1) {
                out.append(',');
            }
            GoJsonStrings.append(out, key);
            out.append(':');
            GoJsonStrings.append(out, meta.get(key));
        }
        return out.append('}').toString();
    }

    /**
     * {@link #toJson} as UTF-8 bytes. Meta whose keys and values are printable ASCII that Go does not
     * escape (the deadline every call carries, for one) is written straight to the bytes, without a
     * builder and a string to encode.
     */
    public static byte[] toJsonBytes(Meta meta) {
        if (meta.size() != 1) {
            return toJson(meta).getBytes(StandardCharsets.UTF_8);
        }
        String[] entry = new String[2];
        meta.forEach((k, v) -> {
            entry[0] = k;
            entry[1] = v;
        });
        String key = entry[0];
        String value = entry[1];
        if (!plainAscii(key) || !plainAscii(value)) {
            return toJson(meta).getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = new byte[7 + key.length() + value.length()];
        out[0] = '{';
        out[1] = '"';
        int at = ascii(key, out, 2);
        out[at++] = '"';
        out[at++] = ':';
        out[at++] = '"';
        at = ascii(value, out, at);
        out[at++] = '"';
        out[at] = '}';
        return out;
    }

    /** Printable ASCII that Go's encoder writes as it is: no quote, backslash or HTML character. */
    private static boolean plainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("deprecation") // the string is ASCII: its chars are its bytes
    private static int ascii(String s, byte[] out, int at) {
        s.getBytes(0, s.length(), out, at);
        return at + s.length();
    }

    /** {@link #fromJson} of UTF-8 bytes: flat ASCII meta without making its text first ({@link #readFlatAscii}). */
    public static void fromJson(byte[] utf8, Meta into) {
        if (utf8.length == 0 || !readFlatAscii(utf8, 0, utf8.length, into)) {
            fromJson(new String(utf8, StandardCharsets.UTF_8), into);
        }
    }

    /**
     * Reads {@code length} bytes of JSON meta at {@code offset} of {@code in} into {@code into} when
     * they are flat ASCII, {@code {"k":"v",...}} with no whitespace or escape, as Go and this side
     * write them; false, with {@code into} untouched, for anything else (then read the text with
     * {@link #fromJson}). Known keys come back as the engine's constants rather than new strings.
     */
    public static boolean readFlatAscii(byte[] in, int offset, int length, Meta into) {
        int end = offset + length;
        if (length < 7 || in[offset] != '{' || in[end - 1] != '}') {
            return false;
        }
        String[] pairs = new String[8];
        int n = 0;
        int i = offset + 1;
        while (true) {
            int keyEnd = plainAsciiString(in, i, end - 1);
            if (keyEnd < 0 || keyEnd + 1 >= end - 1 || in[keyEnd + 1] != ':') {
                return false;
            }
            int valueEnd = plainAsciiString(in, keyEnd + 2, end - 1);
            if (valueEnd < 0) {
                return false;
            }
            if (n == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, n * 2);
            }
            pairs[n++] = key(in, i + 1, keyEnd - i - 1);
            pairs[n++] = new String(in, keyEnd + 3, valueEnd - keyEnd - 3, StandardCharsets.ISO_8859_1);
            if (valueEnd + 1 == end - 1) {
                break;
            }
            if (in[valueEnd + 1] != ',') {
                return false;
            }
            i = valueEnd + 2;
        }
        for (int k = 0; k < n; k += 2) {
            into.set(pairs[k], pairs[k + 1]);
        }
        return true;
    }

    private static String key(byte[] in, int offset, int length) {
        for (int k = 0; k < KNOWN_KEY_BYTES.length; k++) {
            byte[] known = KNOWN_KEY_BYTES[k];
            if (java.util.Arrays.equals(in, offset, offset + length, known, 0, known.length)) {
                return KNOWN_KEYS[k];
            }
        }
        return new String(in, offset, length, StandardCharsets.ISO_8859_1); // ASCII: one byte, one char
    }

    /** The index of the closing quote of a string at {@code start} of printable ASCII with no escape, or -1. */
    private static int plainAsciiString(byte[] in, int start, int limit) {
        if (start >= limit || in[start] != '"') {
            return -1;
        }
        for (int i = start + 1; i < limit; i++) {
            byte c = in[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20 || c == 0x7f) { // negative: a byte of a multi-byte UTF-8 character
                return -1;
            }
        }
        return -1;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Reads a JSON object into {@code into}; non-string values keep their JSON text. */
    public static void fromJson(String json, Meta into) {
        if (json.isEmpty() || json.equals("{}") || readFlat(json, into)) {
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

    /**
     * Reads meta as Go writes it when no string needs escaping, {@code {"k":"v","k2":"v2"}} with no
     * whitespace, without building a tree (Jackson's {@code readTree} cost a few percent of each call
     * that carries a deadline); false, with {@code into} untouched, for anything else.
     */
    private static boolean readFlat(String json, Meta into) {
        int n = json.length();
        if (n < 7 || json.charAt(0) != '{' || json.charAt(n - 1) != '}') {
            return false;
        }
        List<String> pairs = new ArrayList<>(4);
        int i = 1;
        while (true) {
            int keyEnd = plainString(json, i, n - 1);
            if (keyEnd < 0 || keyEnd + 1 >= n - 1 || json.charAt(keyEnd + 1) != ':') {
                return false;
            }
            int valueEnd = plainString(json, keyEnd + 2, n - 1);
            if (valueEnd < 0) {
                return false;
            }
            pairs.add(json.substring(i + 1, keyEnd));
            pairs.add(json.substring(keyEnd + 3, valueEnd));
            char next = json.charAt(valueEnd + 1);
            if (valueEnd + 1 == n - 1) {
                break;
            }
            if (next != ',') {
                return false;
            }
            i = valueEnd + 2;
        }
        for (int k = 0; k < pairs.size(); k += 2) {
            into.set(pairs.get(k), pairs.get(k + 1));
        }
        return true;
    }

    /** The index of the closing quote of a string at {@code start} with no escape or control character in it, or -1. */
    private static int plainString(String json, int start, int limit) {
        if (start >= limit || json.charAt(start) != '"') {
            return -1;
        }
        for (int i = start + 1; i < limit; i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    public static String toQuery(Meta meta) {
        if (meta.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        meta.forEachValue((k, v) -> {
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
            into.add(key, value);
        }
    }
}
