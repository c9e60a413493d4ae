package io.dmicro.drpc.proto.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.RouteMeta;
import io.dmicro.drpc.testing.Peers;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /openapi.json} over a real socket, read and validated by swagger-parser. */
class OpenApiIntegrationTest {

    public record Args(int a, int b) {
    }

    public record Sum(int value, List<Args> parts) {
    }

    public static class MathService {
        @RouteMeta(name = "X-Tenant", description = "who pays", required = true)
        public Sum add(CallContext ctx, Args args) {
            return new Sum(args.a() + args.b(), List.of(args));
        }

        public void reset() {
        }
    }

    public static class Events {
        public void tick(Args args) {
        }
    }

    private final Peers peers = new Peers();

    @AfterEach
    void stop() {
        peers.close();
    }

    @Test
    void servesAValidOpenApi31DocumentOfEveryCallRoute() throws Exception {
        Endpoint server = peers.endpoint();
        server.router().routeCall(new MathService());
        server.router().routePush(new Events());
        InetSocketAddress bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,http");

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + Addresses.format(bound) + "/openapi.json")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(r.body(), null, options);
        assertThat(result.getMessages()).as(r.body()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths()).containsOnlyKeys("/math/add", "/math/reset"); // pushes are not HTTP operations

        Operation add = api.getPaths().get("/math/add").getPost();
        assertThat(add.getParameters()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("X-Tenant");
            assertThat(p.getIn()).isEqualTo("header");
            assertThat(p.getRequired()).isTrue();
        });
        assertThat(add.getRequestBody().getContent().get("application/json").getSchema().get$ref()).endsWith("Args");
        assertThat(add.getResponses()).containsKeys("200", "400", "404", "500", "503");
        assertThat(api.getComponents().getSchemas()).containsKeys("Args", "DrpcStatus"); // Args is shared: in Sum too
        assertThat(add.getResponses().get("200").getContent().get("application/json").getSchema().getProperties())
                .containsKeys("value", "parts");
        assertThat(api.getComponents().getSchemas().get("Args").getProperties()).containsOnlyKeys("a", "b");
        assertThat(api.getPaths().get("/math/reset").getPost().getRequestBody()).isNull();
    }
}
