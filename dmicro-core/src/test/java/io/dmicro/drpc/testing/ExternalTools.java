package io.dmicro.drpc.testing;

import java.io.File;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the outside programs some tests drive (go, chromium, etcd, curl, node): such a test is
 * skipped with a reason on a machine without the program, and fails instead where tools are
 * required. {@code .ci/run} requires them (environment {@code DMICRO_REQUIRE_TOOLS=true}, or the
 * system property {@code dmicro.requireTools=true}), so a skip there is a failure.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** Whether a missing tool fails the test instead of skipping it. */
    public static boolean required() {
        return Boolean.getBoolean("dmicro.requireTools") || "true".equalsIgnoreCase(System.getenv("DMICRO_REQUIRE_TOOLS"));
    }

    /** The executable named {@code name} on the PATH, if any. */
    public static Optional<File> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The executable {@code name}, or the test is skipped (failed where tools are required) with a
     * message saying which program is missing and why the test needs it.
     */
    public static File require(String name, String why) {
        Optional<File> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + name + "' is not on the PATH; " + why;
        if (required()) {
            throw new AssertionError(message + " (DMICRO_REQUIRE_TOOLS is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Skips (or fails where tools are required) when {@code condition} is false. */
    public static void assume(boolean condition, String message) {
        if (condition) {
            return;
        }
        if (required()) {
            throw new AssertionError(message + " (DMICRO_REQUIRE_TOOLS is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
    }
}
