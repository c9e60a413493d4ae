package io.dmicro.protoc;

import java.util.Locale;

/**
 * The plugin's parameter ({@code --dmicro_opt=...}, or the Maven plugin's {@code options}): a
 * comma-separated list of {@code key=value}.
 *
 * @param spring whether the Spring {@code @DrpcClient} interface is generated ({@code spring=false}
 *     for projects without dmicro-spring-boot-autoconfigure)
 * @param skipStreaming whether streaming rpcs are left out ({@code streaming=skip}) instead of
 *     failing the generation ({@code streaming=error}, the default)
 */
record Parameters(boolean spring, boolean skipStreaming) {

    static Parameters parse(String parameter) {
        boolean spring = true;
        boolean skipStreaming = false;
        for (String item : parameter.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq).trim();
            String value = eq < 0 ? "" : entry.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "spring" -> spring = bool(key, value);
                case "streaming" -> skipStreaming = switch (value) {
                    case "skip" -> true;
                    case "error" -> false;
                    default -> throw new GenerationException("parameter streaming must be error or skip, not '" + value + "'");
                };
                default -> throw new GenerationException("unknown parameter '" + key + "' (known: spring=true|false, streaming=error|skip)");
            }
        }
        return new Parameters(spring, skipStreaming);
    }

    private static boolean bool(String key, String value) {
        return switch (value) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw new GenerationException("parameter " + key + " must be true or false, not '" + value + "'");
        };
    }
}
