package io.dmicro.protoc;

import java.util.Locale;

/**
 * The HTTP-style route a name pair gets from drpc's default mapper, for javadoc only: the generated
 * code asks the endpoint's own mapper at run time. Mirrors {@code ServiceMethodMapper.HTTP}, whose
 * test pins both.
 */
final class HttpStyle {

    private HttpStyle() {
    }

    static String route(String service, String method) {
        return "/" + snake(service) + "/" + snake(method);
    }

    private static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                if (i + 1 < name.length() && name.charAt(i + 1) == '_') {
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
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
