package io.dmicro.drpc.proto.raw;

/**
 * JSON string literals as Go's {@code encoding/json} writes them with HTML escaping on (its
 * default, Go 1.22 and later): {@code "} and {@code \} escaped, {@code \b \f \n \r \t} short,
 * other control characters and {@code < > &} as {@code &#92;u00xx} (lower-case hex), U+2028 and U+2029
 * as {@code &#92;u2028}/{@code &#92;u2029}, and a lone surrogate (not valid UTF-8 on Go's side) as
 * {@code &#92;ufffd}; everything else as it is.
 */
public final class GoJsonStrings {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJsonStrings() {
    }

    /** Appends {@code s} as a quoted JSON string, escaped as Go escapes it. */
    public static void append(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
                default -> {
                    if (c < 0x20) {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
