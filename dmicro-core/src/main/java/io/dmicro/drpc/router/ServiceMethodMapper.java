package io.dmicro.drpc.router;

/**
 * Turns a prefix and a Java name into a service method (reference §8.2). The prefix is taken as
 * given; only the name is transformed.
 */
@FunctionalInterface
public interface ServiceMethodMapper {

    String map(String prefix, String name);

    /**
     * The default, the original's HTTP-style mapper: {@code /prefix/name} where the name is
     * snake-cased. A word boundary is a lower-case letter or digit followed by an upper-case letter
     * and becomes {@code _}; a single {@code _} written in the name becomes {@code /}; a double
     * {@code __} becomes a literal {@code _}; everything is lower-cased. So {@code addOne} →
     * {@code /add_one}, {@code ABcXYz} → {@code /abc_xyz}, {@code Aa_Bb} → {@code /aa/bb},
     * {@code Aa__Bb} → {@code /aa_bb}; {@code ("/math", "addOne")} → {@code /math/add_one}.
     */
    ServiceMethodMapper HTTP = (prefix, name) -> {
        String mapped = snake(name);
        StringBuilder out = new StringBuilder();
        for (String part : (prefix + "/" + mapped).split("/")) {
            if (!part.isEmpty()) {
                out.append('/').append(part);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    };

    /**
     * The original's RPC-style mapper: {@code prefix.name}, with {@code _} becoming {@code .} and
     * {@code __} a literal {@code _}, no case change, leading and trailing dots trimmed:
     * {@code ("Math", "Add")} → {@code Math.Add}.
     */
    ServiceMethodMapper RPC = (prefix, name) -> {
        String mapped = name.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
        String joined = prefix.isEmpty() ? mapped : prefix + "." + mapped;
        int start = 0;
        int end = joined.length();
        while (start < end && joined.charAt(start) == '.') {
            start++;
        }
        while (end > start && joined.charAt(end - 1) == '.') {
            end--;
        }
        return joined.substring(start, end);
    };

    private static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == '_') {
                if (i + 1 < n && name.charAt(i + 1) == '_') {
                    out.append('_');
                    i++;
                } else {
                    out.append('/');
                }
                continue;
            }
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                if (Character.isLowerCase(prev) || Character.isDigit(prev)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
