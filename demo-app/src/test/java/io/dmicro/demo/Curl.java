package io.dmicro.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl as the README's examples run it; a non-zero exit fails the test. */
final class Curl {

    private Curl() {
    }

    /** What curl wrote to stdout; {@code why} is the reason the test needs curl, shown when it is missing. */
    static String run(String why, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.require("curl", why).getPath(), "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl " + String.join(" ", args)).isZero();
        return out;
    }
}
