package io.dmicro.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.testing.ExternalTools;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/dmicro/openapi} as an OpenAPI client meets it: fetched with curl, read by
 * swagger-parser and checked by PyPI's openapi-spec-validator, the same document as the drpc
 * port's {@code GET /openapi.json}, and its server and example call work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dmicro.endpoint.listen=tcp://127.0.0.1:0?protos=all", "demo.push-interval=1h"})
class DemoOpenApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private Endpoint server;

    @LocalServerPort
    private int httpPort;

    @TempDir
    private Path dir;

    @Test
    void theActuatorServesAValidOpenApiDocumentOfTheDemoRoutes() throws Exception {
        String doc = curl("-sS", "-f", "http://127.0.0.1:" + httpPort + "/actuator/dmicro/openapi");

        SwaggerParseResult parsed = new OpenAPIParser().readContents(doc, null, new ParseOptions());
        assertThat(parsed.getMessages()).as("swagger-parser's messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths()).containsKey("/math/add");
        assertThat(api.getPaths().get("/math/add").getPost().getRequestBody().getContent()).containsKey("application/json");
        assertThat(api.getPaths().get("/math/add").getPost().getResponses()).containsKeys("200", "404", "500");
        assertThat(api.getPaths()).as("pushes are no HTTP operations").doesNotContainKey("/demo/tick");
        int drpcPort = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        assertThat(api.getServers()).extracting(s -> s.getUrl()).containsExactly("http://127.0.0.1:" + drpcPort);
    }

    @Test
    void itIsTheDocumentTheDrpcPortServes() throws Exception {
        int drpcPort = ((InetSocketAddress) server.listenAddresses().get(0)).getPort();
        JsonNode actuator = JSON.readTree(curl("-sS", "-f", "http://127.0.0.1:" + httpPort + "/actuator/dmicro/openapi"));
        JsonNode port = JSON.readTree(curl("-sS", "-f", "http://127.0.0.1:" + drpcPort + "/openapi.json"));
        assertThat(actuator.get("paths")).isEqualTo(port.get("paths"));
        assertThat(actuator.get("components")).isEqualTo(port.get("components"));
    }

    @Test
    void openApiSpecValidatorAcceptsIt() throws Exception {
        File validator = ExternalTools.require("openapi-spec-validator", "the OpenAPI document is checked by PyPI's openapi-spec-validator");
        Path file = dir.resolve("openapi.json");
        Files.writeString(file, curl("-sS", "-f", "http://127.0.0.1:" + httpPort + "/actuator/dmicro/openapi"));
        Process p = new ProcessBuilder(validator.getPath(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("OK");
    }

    /** What Swagger UI does with "Try it out": the document's server, the operation's path, a JSON body. */
    @Test
    void aCallBuiltFromTheDocumentIsAnswered() throws Exception {
        JsonNode doc = JSON.readTree(curl("-sS", "-f", "http://127.0.0.1:" + httpPort + "/actuator/dmicro/openapi"));
        String url = doc.get("servers").get(0).get("url").asString();
        assertThat(doc.get("paths").get("/math/add").get("post").get("requestBody").get("content").has("application/json")).isTrue();
        assertThat(curl("-sS", "-f", "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2}", url + "/math/add")).isEqualTo("3");
    }

    private static String curl(String... args) throws Exception {
        return Curl.run("the OpenAPI document is fetched with curl", args);
    }
}
