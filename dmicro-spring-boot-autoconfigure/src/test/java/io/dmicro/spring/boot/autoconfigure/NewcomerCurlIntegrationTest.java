package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The README's port override, tried with curl as a newcomer would: with ?protos=all curl gets its
 * answer; without it curl gets an empty reply, and the log says why in words, not as a frame size.
 */
@ExtendWith(OutputCaptureExtension.class)
class NewcomerCurlIntegrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class)).withBean(MathService.class);

    @Test
    void theReadmePortOverrideServesCurl() {
        File curl = ExternalTools.require("curl", "the README's curl example");
        runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=all").run(context -> {
            Result r = curl(curl, context.getEnvironment().getProperty("local.dmicro.port"));
            assertThat(r.exit).isZero();
            assertThat(r.out).isEqualTo("3");
        });
    }

    @Test
    void curlAgainstARawOnlyListenerIsExplainedInTheLog(CapturedOutput output) {
        File curl = ExternalTools.require("curl", "the README's curl example");
        runner.withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0").run(context -> {
            Result r = curl(curl, context.getEnvironment().getProperty("local.dmicro.port"));
            assertThat(r.exit).as("curl's exit code (52: empty reply)").isEqualTo(52);
            // the server logs as it closes the connection, which curl may see first: poll, bounded
            io.dmicro.drpc.testing.Peers.await("the server's log line", java.time.Duration.ofSeconds(10),
                    () -> output.getOut().contains("looks like an HTTP request"));
            assertThat(output.getOut()).contains("frame size 1347375956").contains("looks like an HTTP request")
                    .contains("add ?protos=all");
        });
    }

    private record Result(int exit, String out) {
    }

    private static Result curl(File curl, String port) throws Exception {
        Process p = new ProcessBuilder(List.of(curl.getPath(), "-sS", "--max-time", "10", "-d", "{\"a\":1,\"b\":2}", "-H",
                "Content-Type: application/json", "http://127.0.0.1:" + port + "/math/add")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.trim());
    }
}
