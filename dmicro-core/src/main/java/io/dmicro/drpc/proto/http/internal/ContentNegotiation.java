package io.dmicro.drpc.proto.http.internal;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.Codecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which codec a request's {@code Accept} asks the reply in (RFC 9110 §12.5.1). */
final class ContentNegotiation {

    /** No preference: the reply codec is the request's, or the endpoint's default. */
    static final int ANY = 0;
    /** Nothing acceptable: 406. */
    static final int NONE = -1;

    private record Range(String type, String subtype, double q, int order) {
    }

    private ContentNegotiation() {
    }

    /** A codec id, {@link #ANY} or {@link #NONE}. */
    static int replyCodec(@Nullable String accept, Codecs codecs, byte requestCodec) {
        if (accept == null || accept.isBlank()) {
            return ANY;
        }
        List<Range> ranges = new ArrayList<>();
        int order = 0;
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String media = params[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].strip();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            int slash = media.indexOf('/');
            if (slash <= 0 || q <= 0) {
                continue;
            }
            ranges.add(new Range(media.substring(0, slash), media.substring(slash + 1), q, order++));
        }
        ranges.sort(Comparator.comparingDouble((Range r) -> -r.q()).thenComparingInt(r -> specificity(r)).thenComparingInt(Range::order));
        for (Range r : ranges) {
            if (r.type().equals("*") && r.subtype().equals("*")) {
                return ANY;
            }
            Codec request = requestCodec == 0 ? null : codecs.get(requestCodec);
            if (request != null && matches(r, request)) {
                return request.id();
            }
            for (Codec c : codecs.all()) {
                if (matches(r, c)) {
                    return c.id();
                }
            }
        }
        return NONE;
    }

    private static int specificity(Range r) {
        return r.type().equals("*") ? 2 : r.subtype().equals("*") ? 1 : 0;
    }

    private static boolean matches(Range r, Codec c) {
        String type = c.contentType().toLowerCase(Locale.ROOT);
        int semi = type.indexOf(';');
        if (semi >= 0) {
            type = type.substring(0, semi).strip();
        }
        int slash = type.indexOf('/');
        if (slash < 0) {
            return false;
        }
        return r.type().equals(type.substring(0, slash)) && (r.subtype().equals("*") || r.subtype().equals(type.substring(slash + 1)));
    }

    /** {@code X-Accept-Body-Codec} by id ({@code 106}) or name ({@code json}); 0 when it names none. */
    static byte byNameOrId(String value, Codecs codecs) {
        String v = value.strip();
        Codec c = codecs.get(v);
        if (c != null) {
            return c.id();
        }
        try {
            int id = Integer.parseInt(v);
            Codec byId = id > 0 && id < 256 ? codecs.get((byte) id) : null;
            return byId == null ? 0 : byId.id();
        } catch (NumberFormatException e) {
            return v.length() == 1 && codecs.get((byte) v.charAt(0)) != null ? (byte) v.charAt(0) : 0;
        }
    }
}
