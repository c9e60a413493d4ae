package io.dmicro.drpc.testing;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Third-party Node.js clients (npm's jayson and ws) for tests: the scripts and the
 * {@code package.json}/{@code package-lock.json} in dmicro-core's {@code src/test/node}, installed
 * with {@code npm ci} once per JVM (.ci/run does it ahead). Without node or npm the test is skipped,
 * or failed where tools are required ({@link ExternalTools}).
 */
public final class NodeClients {

    private static final Path DIR = Path.of("src/test/node").toAbsolutePath();
    private static boolean installed;

    private NodeClients() {
    }

    /** Runs {@code node script args...} in the clients' directory and returns its stdout; fails on a non-zero exit. */
    public static String run(String why, String script, Duration timeout, String... args) throws Exception {
        File node = ExternalTools.require("node", why);
        install(why);
        List<String> cmd = new ArrayList<>(List.of(node.getPath(), script));
        cmd.addAll(List.of(args));
        try (PeerProcess p = PeerProcess.start(script, cmd, DIR)) {
            int exit = p.awaitExit(timeout);
            if (exit != 0) {
                throw new AssertionError("node " + script + " exited " + exit + ":\n" + p.output());
            }
            String out = p.output().strip();
            // the last line is the script's JSON result
            return out.substring(out.lastIndexOf('\n') + 1);
        }
    }

    private static synchronized void install(String why) throws Exception {
        if (installed || Files.isDirectory(DIR.resolve("node_modules/jayson")) && Files.isDirectory(DIR.resolve("node_modules/ws"))) {
            installed = true;
            return;
        }
        File npm = ExternalTools.require("npm", why + " (installed with npm ci)");
        Process ci = new ProcessBuilder(npm.getPath(), "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).start();
        String out = new String(ci.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ci.waitFor(5, TimeUnit.MINUTES) || ci.exitValue() != 0) {
            throw new AssertionError("npm ci in " + DIR + " failed:\n" + out);
        }
        installed = true;
    }
}
