package io.dmicro.drpc.proto.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parsed start line and headers of one HTTP/1.1 message.
 *
 * @param response true for a status line ({@code HTTP/1.1 200 OK}), false for a request line
 * @param method the request method, or "" for a response
 * @param target the request target ({@code /math/add?x=1}), or "" for a response
 * @param statusCode the response status, or 0 for a request
 * @param reason the response reason phrase, or "" for a request
 * @param headers the header fields in the order received
 * @param length the bytes of the start line, headers and the blank line after them
 */
record HttpHead(boolean response, String method, String target, int statusCode, String reason,
        List<Map.Entry<String, String>> headers, int length) {

    /** Parses the text before the blank line; throws {@link IllegalArgumentException} when it is not HTTP/1.x. */
    static HttpHead parse(String text, int length) {
        String[] lines = text.split("\r\n", -1);
        String start = lines[0];
        List<Map.Entry<String, String>> headers = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(colon - 1))) {
                throw new IllegalArgumentException("malformed header line: " + abbreviate(line));
            }
            headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        if (start.startsWith("HTTP/")) {
            String[] parts = start.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IllegalArgumentException("malformed status line: " + abbreviate(start));
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed status code: " + abbreviate(start));
            }
            return new HttpHead(true, "", "", code, parts.length > 2 ? parts[2] : "", headers, length);
        }
        String[] parts = start.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("malformed request line: " + abbreviate(start));
        }
        return new HttpHead(false, parts[0], parts[1], 0, "", headers, length);
    }

    /** The first value of a header, matched without regard to case. */
    @Nullable String header(String name) {
        for (Map.Entry<String, String> e : headers) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The declared body length; 0 when there is none. */
    long contentLength() {
        String value = header("Content-Length");
        if (value == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new IllegalArgumentException("negative Content-Length: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Content-Length is not a number: " + abbreviate(value));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
