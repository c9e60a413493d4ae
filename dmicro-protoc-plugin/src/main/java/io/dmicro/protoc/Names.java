package io.dmicro.protoc;

import java.util.Locale;
import java.util.Set;

/** How .proto names become Go names (what a Go peer's handler is called) and Java names. */
final class Names {

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package",
            "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "yield", "record",
            "sealed", "permits", "_");

    private Names() {
    }

    /**
     * The Go identifier protoc-gen-go gives a .proto name ({@code GoCamelCase}): the first letter
     * upper-cased, {@code _x} becomes {@code X}, a leading {@code _} becomes {@code X}. This is the
     * name a Go DMicro handler struct or method has for the same service or rpc, so the endpoint's
     * mapper turns it into the route a Go peer calls ({@code AddOne} → {@code /add_one}, {@code Math.AddOne}).
     */
    static String goCamelCase(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean nextLower = i + 1 < name.length() && isLower(name.charAt(i + 1));
            if (c == '.' && nextLower) {
                continue; // ".x" continues the word: the dot goes
            } else if (c == '.') {
                out.append('_');
            } else if (c == '_' && (i == 0 || name.charAt(i - 1) == '.')) {
                out.append('X'); // a leading underscore, so the name starts upper-case
            } else if (c == '_' && nextLower) {
                continue; // "_x" becomes "X" in the next step
            } else if (isDigit(c)) {
                out.append(c);
            } else {
                // a word: its first letter upper-cased, then the lower-case letters that follow
                out.append(isLower(c) ? Character.toUpperCase(c) : c);
                while (i + 1 < name.length() && isLower(name.charAt(i + 1))) {
                    out.append(name.charAt(++i));
                }
            }
        }
        return out.toString();
    }

    /** A Java method name for an rpc: the Go name with its first letter lower-cased, never a keyword. */
    static String javaMethod(String rpcName) {
        String go = goCamelCase(rpcName);
        String name = Character.toLowerCase(go.charAt(0)) + go.substring(1);
        return JAVA_KEYWORDS.contains(name) ? name + "_" : name;
    }

    /** {@code OrderService} → {@code order-service}, {@code HTTPServer} → {@code http-server}: a service id for discovery. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '.') {
                out.append('-');
                continue;
            }
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    out.append('-');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code math_service.proto} → {@code MathService}: protobuf-java's outer class name from a file name. */
    static String upperCamelFromFile(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        if (base.endsWith(".proto")) {
            base = base.substring(0, base.length() - ".proto".length());
        }
        StringBuilder out = new StringBuilder(base.length());
        boolean upperNext = true;
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (isLower(c)) {
                out.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            } else if (c >= 'A' && c <= 'Z') {
                out.append(c);
                upperNext = false;
            } else if (isDigit(c)) {
                out.append(c);
                upperNext = true;
            } else {
                upperNext = true;
            }
        }
        return out.toString();
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
