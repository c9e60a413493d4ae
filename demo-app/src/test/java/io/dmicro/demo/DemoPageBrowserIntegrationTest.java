package io.dmicro.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.drpc.testing.PeerProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo page in a real browser: Debian's chromium, driven by npm's playwright-core
 * (src/test/browser), calls /math/add, receives the server's pushes and answers its calls over a
 * WebSocket to the drpc port. The screenshot it saves is the README's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=all&wsOrigins=*", "demo.push-interval=300ms"})
class DemoPageBrowserIntegrationTest {

    private static final Path BROWSER_TEST = Path.of("src/test/browser");

    @LocalServerPort
    private int httpPort;

    @Test
    void aVisitorCallsReceivesPushesAndAnswersTheServer() throws Exception {
        File node = ExternalTools.require("node", "the demo page is driven by playwright-core on node");
        File npm = ExternalTools.require("npm", "playwright-core is installed with npm ci");
        ExternalTools.require("chromium", "the demo page is tested in Debian's chromium");
        if (!Files.isDirectory(BROWSER_TEST.resolve("node_modules/playwright-core"))) {
            Process ci = new ProcessBuilder(npm.getPath(), "ci", "--no-audit", "--no-fund").directory(BROWSER_TEST.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(ci.getInputStream().readAllBytes());
            assertThat(ci.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(ci.exitValue()).as(out).isZero();
        }
        Path shot = Path.of("target/demo-page.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        try (PeerProcess page = PeerProcess.start("chromium page test", List.of(node.getPath(), "page-test.mjs",
                "http://localhost:" + httpPort + "/", shot.toString()), BROWSER_TEST.toAbsolutePath())) {
            assertThat(page.awaitExit(Duration.ofSeconds(90))).as(page.output()).isZero();
            assertThat(page.output()).contains("ok: /math/add answers 42", "ok: a push from the server arrives",
                    "ok: the server called the page", "PAGE OK");
        }
        assertThat(Files.size(shot)).isPositive();
    }
}
