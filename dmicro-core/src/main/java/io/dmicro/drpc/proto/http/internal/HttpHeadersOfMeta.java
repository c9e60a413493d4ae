package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.message.Meta;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Meta to headers and back: every header that does not describe the HTTP exchange itself is meta. */
final class HttpHeadersOfMeta {

    /** Headers of the exchange itself, never meta (lower case). */
    static final Set<String> TRANSPORT = Set.of("host", "content-length", "content-type", "connection", "keep-alive",
            "transfer-encoding", "expect", "upgrade", "x-seq", "x-mtype", "content-encoding", "x-content-encoding",
            "accept-encoding", "accept", "user-agent", "te", "trailer", "date", "origin", "referer", "vary",
            "access-control-request-method", "access-control-request-headers", "x-drpc-status", "sec-fetch-mode",
            "sec-fetch-site", "sec-fetch-dest", "accept-language", "cache-control", "pragma", "sec-ch-ua",
            "sec-ch-ua-mobile", "sec-ch-ua-platform");

    private HttpHeadersOfMeta() {
    }

    static void toMeta(HttpHeaders headers, Meta meta) {
        for (Map.Entry<String, String> e : headers) {
            if (!TRANSPORT.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                meta.set(e.getKey(), e.getValue());
            }
        }
    }

    static void toHeaders(Meta meta, HttpHeaders headers) {
        meta.forEach((k, v) -> {
            if (isToken(k) && !TRANSPORT.contains(k.toLowerCase(Locale.ROOT)) && isFieldValue(v)) {
                headers.set(k, v);
            }
        });
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Text fit for a header value: anything outside printable ASCII escaped as {@code \\uXXXX}, as JSON allows. */
    static String asciiJson(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
