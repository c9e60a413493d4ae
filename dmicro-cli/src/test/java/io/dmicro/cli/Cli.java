package io.dmicro.cli;

import io.dmicro.drpc.testing.PeerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the built {@code dmicro} jar as a process, as a user would. */
final class Cli {

    static final Path JAR = Path.of(System.getProperty("dmicro.cli.jar", "target/dmicro.jar"));

    /** What a finished run left: its exit code and everything it printed (stdout and stderr together). */
    record Run(int exit, String output) {

        /** The first line that is a JSON object. */
        String jsonLine() {
            return output.lines().filter(l -> l.startsWith("{")).findFirst()
                    .orElseThrow(() -> new AssertionError("no JSON line in:\n" + output));
        }
    }

    private Cli() {
    }

    static PeerProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return PeerProcess.start("dmicro " + (args.length > 0 ? args[0] : ""), command, Path.of("."));
    }

    static Run run(String... args) {
        try (PeerProcess p = start(args)) {
            int exit = p.awaitExit(Duration.ofSeconds(60));
            return new Run(exit, p.output());
        }
    }
}
