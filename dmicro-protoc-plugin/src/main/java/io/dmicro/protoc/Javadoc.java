package io.dmicro.protoc;

import java.util.ArrayList;
import java.util.List;

/** Turns a .proto comment into javadoc text: HTML and javadoc syntax escaped, common indentation removed. */
final class Javadoc {

    private Javadoc() {
    }

    /** The comment's lines, escaped, without the blank lines around it; empty when there is no comment. */
    static List<String> lines(String comment) {
        List<String> out = new ArrayList<>();
        for (String line : comment.split("\n", -1)) {
            out.add(escape(line.startsWith(" ") ? line.substring(1) : line).stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '@' -> out.append("&#64;"); // a javadoc tag or {@...} written in a comment stays text
                case '*' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '/' ? "&#42;" : "*");
                case '\\' -> out.append("&#92;"); // javac reads backslash-u escapes even inside comments
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
