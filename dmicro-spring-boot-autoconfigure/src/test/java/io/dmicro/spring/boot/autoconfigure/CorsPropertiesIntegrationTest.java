package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.spring.boot.autoconfigure.internal.DmicroConfigurationFailureAnalyzer;
import io.dmicro.spring.boot.autoconfigure.sample.MathService;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dmicro.endpoint.http.cors.*} reach the http proto of the listeners: preflights and replies seen by curl. */
class CorsPropertiesIntegrationTest {

    private static final String APP = "https://app.example.com";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DmicroAutoConfiguration.class)).withBean(MathService.class)
            .withPropertyValues("dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=raw,http");

    @Test
    void aListedOriginsPreflightAndCallAreAllowed() {
        File curl = ExternalTools.require("curl", "a real HTTP client sending the browser's CORS headers");
        runner.withPropertyValues("dmicro.endpoint.http.cors.allowed-origins=" + APP, "dmicro.endpoint.http.cors.allowed-headers=content-type",
                "dmicro.endpoint.http.cors.max-age=10m").run(context -> {
                    String port = context.getEnvironment().getProperty("local.dmicro.port");
                    List<String> preflight = curl(curl, port, "-X", "OPTIONS", "-H", "Origin: " + APP, "-H", "Access-Control-Request-Method: POST",
                            "-H", "Access-Control-Request-Headers: content-type");
                    assertThat(preflight.get(0)).matches("HTTP/1.1 20[04].*");
                    assertThat(preflight).contains("access-control-allow-origin: " + APP, "access-control-max-age: 600");
                    assertThat(preflight.stream().filter(h -> h.startsWith("access-control-allow-headers:"))).singleElement().asString()
                            .contains("content-type");
                    List<String> call = curl(curl, port, "-H", "Origin: " + APP, "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2}");
                    assertThat(call.get(0)).startsWith("HTTP/1.1 200");
                    assertThat(call).contains("access-control-allow-origin: " + APP);
                    assertThat(call.get(call.size() - 1)).isEqualTo("3");
                });
    }

    @Test
    void byDefaultAndForOtherOriginsNothingIsAllowed() {
        File curl = ExternalTools.require("curl", "a real HTTP client sending the browser's CORS headers");
        runner.run(context -> {
            String port = context.getEnvironment().getProperty("local.dmicro.port");
            List<String> call = curl(curl, port, "-H", "Origin: " + APP, "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2}");
            assertThat(call).noneMatch(h -> h.startsWith("access-control-allow-origin"));
        });
        runner.withPropertyValues("dmicro.endpoint.http.cors.allowed-origins=" + APP).run(context -> {
            String port = context.getEnvironment().getProperty("local.dmicro.port");
            List<String> call = curl(curl, port, "-H", "Origin: https://evil.example", "-H", "Content-Type: application/json", "-d",
                    "{\"a\":1,\"b\":2}");
            assertThat(call).noneMatch(h -> h.startsWith("access-control-allow-origin"));
        });
    }

    @Test
    void credentialsWithAnyOriginFailStartUpNamingTheKey() {
        runner.withPropertyValues("dmicro.endpoint.http.cors.allowed-origins=*", "dmicro.endpoint.http.cors.allow-credentials=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new DmicroConfigurationFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains("dmicro.endpoint.http.cors.allow-credentials").contains("allowedOrigins");
        });
    }

    /** The response's status line and headers (names lower-cased), then its body as the last element. */
    private static List<String> curl(File curl, String port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(curl.getPath(), "-sS", "-i", "--max-time", "10"));
        command.addAll(List.of(args));
        command.add("http://127.0.0.1:" + port + "/math/add");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] parts = out.split("\r\n\r\n", 2);
        List<String> lines = new ArrayList<>();
        String[] head = parts[0].split("\r\n");
        lines.add(head[0]);
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            lines.add(head[i].substring(0, colon).toLowerCase(Locale.ROOT) + head[i].substring(colon));
        }
        lines.add(parts.length > 1 ? parts[1].trim() : "");
        return lines;
    }
}
