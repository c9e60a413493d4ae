package io.dmicro.drpc.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds Go programs of a Go module in the project with {@code go build}, once per JVM and output
 * path. A machine without Go skips the calling test (fails it where tools are required, see
 * {@link ExternalTools}). The module's go.sum is committed, so the build runs with
 * {@code -mod=readonly}: a missing checksum is an error, not a silent download of something new.
 */
public final class GoPrograms {

    private static final long BUILD_TIMEOUT_MINUTES = 8;
    private static final Map<Path, Path> BUILT = new ConcurrentHashMap<>();

    private GoPrograms() {
    }

    /**
     * Builds package {@code pkg} (for example {@code ./cmd/server}) of the Go module in
     * {@code moduleDir} into {@code output}, and returns {@code output}.
     */
    public static Path build(Path moduleDir, String pkg, Path output) {
        File go = ExternalTools.require("go", "this test builds and runs a Go DMicro peer");
        return BUILT.computeIfAbsent(output.toAbsolutePath(), out -> runBuild(go, moduleDir, pkg, out));
    }

    private static Path runBuild(File go, Path moduleDir, String pkg, Path output) {
        try {
            Files.createDirectories(output.getParent());
            Path log = Files.createTempFile("go-build", ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(go.getPath(), "build", "-mod=readonly", "-o", output.toString(), pkg))
                    .directory(moduleDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("go build " + pkg + " did not finish within " + BUILD_TIMEOUT_MINUTES + " minutes");
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                throw new AssertionError("go build " + pkg + " in " + moduleDir + " failed (exit " + p.exitValue() + "):\n" + text);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("go build " + pkg + " could not run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building " + pkg, e);
        }
    }
}
