package io.dmicro.drpc.status;

import java.nio.charset.StandardCharsets;

/**
 * URL-query escaping exactly as erpc writes it: {@code [A-Za-z0-9*-._]} stay literal, every other
 * byte becomes an upper-case {@code %XX}.
 */
public final class QueryEscaper {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryEscaper() {
    }

    public static void append(StringBuilder out, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '*' || c == '-' || c == '.' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        append(out, value);
        return out.toString();
    }
}
