package io.dmicro.drpc.proto.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.RouteMeta;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.drpc.testing.Peers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP face by RFC 9110/9112 and as a web developer meets it, over real sockets: curl, the
 * JDK's HttpClient, and a plain socket for what no well-behaved client sends.
 */
class HttpFaceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Args(int a, int b) {
    }

    public static class MathService {
        final java.util.concurrent.atomic.AtomicInteger adds = new java.util.concurrent.atomic.AtomicInteger();

        @RouteMeta(name = "X-Tenant", description = "who pays")
        public int add(CallContext ctx, Args args) {
            adds.incrementAndGet();
            return args.a() + args.b();
        }

        public int fail(Args args) {
            throw new IllegalStateException("secret internals of " + args);
        }

        public int busy(Args args) {
            throw Status.of(429, "Too Many Requests", "slow down").toException();
        }

        public int business(Args args) {
            throw Status.of(10001, "insufficient balance", null).toException();
        }

        public String echo(String text) {
            return text;
        }
    }

    private final Peers peers = new Peers();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final MathService math = new MathService();
    private Endpoint server;
    private InetSocketAddress bound;

    @BeforeEach
    void start() {
        server = peers.endpoint(EndpointConfig.builder().maxMessageSize(256 * 1024)
                .proto(new HttpProto(HttpOptions.DEFAULT.withCors(CorsOptions.allowing("https://app.example")))).build());
        server.router().routeCall(math);
        bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?proto=http");
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    // ---- curl ----------------------------------------------------------------------------------

    @Test
    void curlCallsARouteAndSeesDateAndLength() throws Exception {
        String out = curl("-sS", "-i", "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2}", url("/math/add"));

        assertThat(out).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("date: ").containsIgnoringCase("content-length: 1");
        assertThat(out).endsWith("\r\n\r\n3");
    }

    /**
     * The bug: a slow upload's connection received the server's own HTTP requests and curl failed
     * with "Received HTTP/0.9". Now the server calls every session while curl uploads slowly, and
     * curl gets its reply; the server's calls fail at once with 405.
     */
    @Test
    void aSlowUploadGetsItsReplyWhileTheServerCallsEverySession(@TempDir Path dir) throws Exception {
        Path body = dir.resolve("body.json");
        Files.writeString(body, "\"" + "x".repeat(60_000) + "\"");
        Process curl = new ProcessBuilder(curlPath(), "-sS", "--limit-rate", "15k", "-H", "Content-Type: application/json",
                "--data-binary", "@" + body, url("/math/echo"), "-o", dir.resolve("out").toString(), "-w", "%{http_code}")
                .redirectErrorStream(true).start();
        Peers.await("curl's session", Duration.ofSeconds(10), () -> server.sessionCount() == 1);
        List<Throwable> failures = new ArrayList<>();
        while (curl.isAlive()) {
            for (Session s : server.sessions()) {
                CompletableFuture<Integer> call = s.call("/greeter/hello", new Args(1, 1), Integer.class);
                try {
                    call.get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            curl.waitFor(200, TimeUnit.MILLISECONDS); // a bounded pacing of the server's calls, not a synchronisation
        }
        String code = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(code).isEqualTo("200");
        assertThat(Files.readString(dir.resolve("out"))).hasSize(60_002);
        assertThat(failures).isNotEmpty().allSatisfy(t -> assertThat(((DrpcException) t).status().code()).isEqualTo(405));
    }

    @Test
    void aServerCallOnAnHttpSessionFailsAtOnceWithAClearStatus() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("POST /math/add HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Peers.await("the session", Duration.ofSeconds(10), () -> server.sessionCount() == 1);
            Session s = server.sessions().iterator().next();

            assertThatThrownBy(() -> s.call("/greeter/hello", null, Integer.class).get(2, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DrpcException.class).hasMessageContaining("HTTP lets a server only answer");
            assertThatThrownBy(() -> s.push("/news", "x").get(2, TimeUnit.SECONDS)).hasMessageContaining("only answer");
        }
    }

    // ---- RFC 9112 framing: request smuggling ambiguities ---------------------------------------

    @Test
    void conflictingOrDuplicateContentLengthsAre400() throws Exception {
        assertThat(exchange("POST /math/add HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\nContent-Length: 14\r\n\r\n"
                + "{\"a\":1,\"b\":2}")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("POST /math/add HTTP/1.1\r\nHost: x\r\nContent-Length: 13, 13\r\n\r\n{\"a\":1,\"b\":2}"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aMissingOrRepeatedHostIs400() throws Exception {
        assertThat(exchange("POST /math/add HTTP/1.1\r\nContent-Length: 13\r\n\r\n{\"a\":1,\"b\":2}"))
                .startsWith("HTTP/1.1 400 ").contains("Host");
        assertThat(exchange("POST /math/add HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 13\r\n\r\n{\"a\":1,\"b\":2}"))
                .startsWith("HTTP/1.1 400 ").contains("exactly one Host");
    }

    @Test
    void aHeaderSectionOver64KiBIs431EvenWhenItArrivesWhole() throws Exception {
        String response = exchange("POST /math/add HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(87 * 1024)
                + "\r\nContent-Length: 13\r\n\r\n{\"a\":1,\"b\":2}");

        assertThat(response).startsWith("HTTP/1.1 431 ");
    }

    // ---- connection management -----------------------------------------------------------------

    @Test
    void connectionCloseIsHonouredAfterTheResponse() throws Exception {
        String response = exchange("POST /math/add HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: 13\r\n\r\n{\"a\":1,\"b\":2}");

        assertThat(response).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("connection: close").endsWith("3");
    }

    @Test
    void http10GetsOneResponseAndTheConnectionCloses() throws Exception {
        String response = exchange("POST /math/add HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
                + "{\"a\":1,\"b\":2}");

        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("3");
    }

    @Test
    void headAnswersWithTheLengthAndNoBody() throws Exception {
        String response = exchange("HEAD /math/echo?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 ").endsWith("\r\n\r\n").containsIgnoringCase("content-length: ");
    }

    @Test
    void anAbsoluteFormTargetReachesTheRoute() throws Exception {
        String response = exchange("POST http://example.org/math/add HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":1,\"b\":2}");

        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("3");
    }

    @Test
    void optionsIsAnsweredWithAllowAndNotRoutedAsACall() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/math/add")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Allow")).hasValue("OPTIONS, GET, HEAD, POST");
    }

    @Test
    void anotherMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/math/add")).method("DELETE", HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).isPresent();
    }

    // ---- status mapping ------------------------------------------------------------------------

    @Test
    void failuresMapToHttpStatusesWithTheDrpcStatusInBodyAndHeader() throws Exception {
        assertThat(post("/math/nope", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/math/add", "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> busy = post("/math/busy", "{\"a\":1,\"b\":2}");
        assertThat(busy.statusCode()).as(busy.body()).isEqualTo(429);
        HttpResponse<String> business = post("/math/business", "{\"a\":1,\"b\":2}");
        assertThat(business.statusCode()).as("an application code outside 400-599").isEqualTo(500);
        assertThat(JSON.readTree(business.body()).path("code").asInt()).isEqualTo(10001);
        assertThat(business.headers().firstValue("X-Drpc-Status").orElseThrow()).contains("10001");
    }

    @Test
    void a500TellsNoInternalsButAnIdThatIsInTheLog() throws Exception {
        HttpResponse<String> r = post("/math/fail", "{\"a\":1,\"b\":2}");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalStateException").contains("error id ");
    }

    @Test
    void theGoOriginals299IsAnOption() throws Exception {
        Endpoint go = peers.endpoint(EndpointConfig.builder()
                .proto(new HttpProto(HttpOptions.DEFAULT.withStatusStyle(StatusStyle.GO_299))).build());
        go.router().routeCall(new MathService());
        InetSocketAddress goBound = (InetSocketAddress) go.listen("tcp://127.0.0.1:0?proto=http");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + Addresses.format(goBound) + "/math/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(299);
        assertThat(JSON.readTree(r.body()).path("code").asInt()).isEqualTo(404);
    }

    @Test
    void aDrpcClientOverHttpSeesTheServersStatus() {
        Endpoint client = peers.endpoint(EndpointConfig.builder().proto(new HttpProto()).build());
        Session s = client.dial("tcp://" + Addresses.format(bound) + "?proto=http");

        assertThat(s.call("/math/add", new Args(2, 3), Integer.class).join()).isEqualTo(5);
        assertThatThrownBy(() -> s.call("/math/nope", new Args(2, 3), Integer.class).join())
                .hasCauseInstanceOf(DrpcException.class)
                .satisfies(t -> assertThat(((DrpcException) t.getCause()).status().code()).isEqualTo(404));
    }

    // ---- drpc httpproto peers (X-Seq) -------------------------------------------------------------

    @Test
    void aDrpcHttpprotoPeerIsAnsweredInTheOriginalsDialect() throws Exception {
        // Two pipelined calls as the Go original's httpproto client writes them: no Host (its bare
        // route has none), X-Seq, and names in Go's case. It reads its headers by exact name and
        // only 200 or 299 ("unSupport HTTP status code" fails its connection otherwise).
        String goCall = "POST %s HTTP/1.1\r\nAccept-Encoding: gzip\r\nContent-Length: 13\r\n"
                + "Content-Type: application/json;charset=utf-8\r\nUser-Agent: drpc-httpproto/1.1\r\nX-Mtype: 1\r\nX-Seq: %d\r\n%s\r\n"
                + "{\"a\":1,\"b\":2}";
        String response = exchange(goCall.formatted("/math/add", 7, "") + goCall.formatted("/math/nope", 8, "Connection: close\r\n"));

        int second = response.indexOf("HTTP/1.1 ", 1);
        String ok = response.substring(0, second);
        String failed = response.substring(second);
        assertThat(ok).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 1\r\n", "\r\nX-Seq: 7\r\n",
                "\r\nContent-Type: application/json").endsWith("\r\n\r\n3");
        assertThat(failed).startsWith("HTTP/1.1 299 Business Error\r\n").contains("\r\nX-Seq: 8\r\n", "\r\nContent-Type: application/json");
        assertThat(JSON.readTree(failed.substring(failed.indexOf("\r\n\r\n") + 4)).path("code").asInt()).isEqualTo(404);
        // the same failure without X-Seq is a browser's: mapped (404), and without Host refused (aMissingOrRepeatedHostIs400)
        assertThat(exchange("POST /math/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"))
                .startsWith("HTTP/1.1 404 ");
    }

    @Test
    void ourHttpClientWritesHeaderNamesAsTheOriginalReadsThem() throws Exception {
        try (var listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> head = CompletableFuture.supplyAsync(() -> {
                try (Socket peer = listener.accept()) {
                    peer.setSoTimeout(10_000);
                    StringBuilder in = new StringBuilder();
                    while (in.indexOf("\r\n\r\n") < 0) {
                        int b = peer.getInputStream().read();
                        if (b < 0) {
                            break;
                        }
                        in.append((char) b);
                    }
                    peer.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1\r\n\r\n5"
                            .getBytes(StandardCharsets.US_ASCII));
                    peer.getOutputStream().flush();
                    peer.getInputStream().read(); // until the client closes
                    return in.toString();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Endpoint client = peers.endpoint(EndpointConfig.builder().proto(new HttpProto()).build());
            Session s = client.dial("tcp://127.0.0.1:" + listener.getLocalPort() + "?proto=http");

            assertThat(s.call("/math/add", new Args(2, 3), Integer.class, CallOptions.DEFAULT.withFilters("gzip"))
                    .get(10, TimeUnit.SECONDS)).isEqualTo(5);
            s.close();
            assertThat(head.get(10, TimeUnit.SECONDS)).startsWith("POST /math/add HTTP/1.1\r\n")
                    .contains("\r\nHost: ", "\r\nContent-Type: application/json", "\r\nContent-Length: ", "\r\nX-Seq: 1\r\n",
                            "\r\nContent-Encoding: gzip\r\n", "\r\nX-Content-Encoding: gzip\r\n");
        }
    }

    // ---- content negotiation --------------------------------------------------------------------

    @Test
    void acceptChoosesTheReplyCodecOr406() throws Exception {
        HttpResponse<String> plain = send(HttpRequest.newBuilder(uri("/math/echo")).header("Content-Type", "application/json")
                .header("Accept", "text/plain").POST(HttpRequest.BodyPublishers.ofString("\"hi\"")));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(plain.body()).isEqualTo("hi");

        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/math/echo")).header("Content-Type", "application/json")
                .header("Accept", "image/png").POST(HttpRequest.BodyPublishers.ofString("\"hi\"")));
        assertThat(none.statusCode()).isEqualTo(406);
    }

    @Test
    void anUnknownContentTypeIs415() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/math/echo")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofString("xx")));

        assertThat(r.statusCode()).isEqualTo(415);
    }

    @Test
    void jsonSentAsCurlsDefaultFormIs400SayingWhichContentTypeToSendAndAFormGetsItsResult() throws Exception {
        // curl -d without -H sends application/x-www-form-urlencoded: the form codec reads it
        String out = curl("-sS", "-i", "-d", "{\"a\":1,\"b\":2}", url("/math/add"));
        assertThat(out).startsWith("HTTP/1.1 400").contains("looks like JSON")
                .contains("-H 'Content-Type: application/json'").doesNotContain("DeserializationFeature");

        // a real form that lacks a field is told which one, not Jackson's advice about its settings
        String missing = curl("-sS", "-i", "-d", "a=1", url("/math/add"));
        assertThat(missing).startsWith("HTTP/1.1 400").contains("no value for 'b'").doesNotContain("DeserializationFeature");
        // a form the route reads, whose number result no form can carry: answered in the default codec
        assertThat(curl("-sS", "-i", "-d", "a=1&b=2", url("/math/add"))).startsWith("HTTP/1.1 200")
                .containsIgnoringCase("content-type: application/json").endsWith("\r\n\r\n3");
        // unless the caller asked for that codec: then it hears, before the handler runs, why it cannot have it
        assertThat(curl("-sS", "-i", "-H", "Accept: application/x-www-form-urlencoded", "-d", "a=1&b=2", url("/math/add")))
                .startsWith("HTTP/1.1 406").contains("the form codec (application/x-www-form-urlencoded) cannot carry");
    }

    @Test
    void anAcceptedCodecThatCannotCarryTheDeclaredReplyIs406BeforeTheHandlerRuns() throws Exception {
        String out = curl("-sS", "-i", "-H", "Content-Type: application/json", "-H", "Accept: application/x-protobuf",
                "-d", "{\"a\":1,\"b\":2}", url("/math/add"));

        assertThat(out).startsWith("HTTP/1.1 406").contains("the reply of /math/add is int")
                .contains("protobuf codec (application/x-protobuf) cannot carry").contains("json (application/json)")
                .contains("plain (text/plain)").doesNotContain("form (");
        assertThat(math.adds).as("the handler did not run").hasValue(0);
        // the same call with a codec that can carry an int runs
        assertThat(curl("-sS", "-i", "-H", "Content-Type: application/json", "-H", "Accept: text/plain",
                "-d", "{\"a\":1,\"b\":2}", url("/math/add"))).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n3");
        assertThat(math.adds).hasValue(1);
    }

    @Test
    void aJsonBodyThatLacksAFieldOrGivesAFractionForAnIntIs400NamingTheField() throws Exception {
        String missing = curl("-sS", "-i", "-H", "Content-Type: application/json", "-d", "{\"a\":1}", url("/math/add"));
        assertThat(missing).startsWith("HTTP/1.1 400").contains("the body has no value for 'b' (int)")
                .doesNotContain("DeserializationFeature");

        String fraction = curl("-sS", "-i", "-H", "Content-Type: application/json", "-d", "{\"a\":1.5,\"b\":2}", url("/math/add"));
        assertThat(fraction).startsWith("HTTP/1.1 400").contains("'a' must be a whole number (int), not 1.5")
                .doesNotContain("CoercionConfig");
        assertThat(math.adds).as("neither reached the handler").hasValue(0);
    }

    @Test
    void aCallWithQueryParametersAndNoBodyIsToldTheQueryIsMeta() throws Exception {
        for (String method : List.of("GET", "POST")) {
            String out = curl("-sS", "-i", "-X", method, url("/math/add?a=1&b=2"));
            assertThat(out).as(method).startsWith("HTTP/1.1 400").contains("has no body")
                    .contains("query parameters are read as meta, not as the body; send the arguments as a JSON body or a form");
        }
        // without a query string the reason is the plain one
        assertThat(curl("-sS", "-i", "-X", "POST", url("/math/add"))).startsWith("HTTP/1.1 400").contains("has no body")
                .doesNotContain("query parameters");
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheLimitAndWhereToSetIt(@TempDir Path dir) throws Exception {
        Path body = dir.resolve("big.json");
        Files.writeString(body, "\"" + "x".repeat(300 * 1024) + "\"");
        for (String framing : List.of("Content-Length", "chunked")) {
            List<String> args = new ArrayList<>(List.of("-sS", "-i", "-H", "Content-Type: application/json", "--data-binary", "@" + body));
            if (framing.equals("chunked")) {
                args.addAll(List.of("-H", "Transfer-Encoding: chunked"));
            }
            args.add(url("/math/echo"));
            String out = curl(args.toArray(String[]::new));
            assertThat(out).as(framing).startsWith("HTTP/1.1 413").contains("limit of " + 256 * 1024 + " bytes")
                    .contains("maxMessageSize").contains("dmicro.endpoint.max-message-size");
        }
    }

    @Test
    void repeatedAcceptLinesAreReadAsOneList() throws Exception {
        String response = exchange("POST /math/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Accept: image/png\r\nAccept: text/plain\r\nContent-Length: 4\r\n\r\n\"hi\"");

        assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/plain").endsWith("\r\n\r\nhi");
        assertThat(exchange("POST /math/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Accept: image/png\r\nAccept: image/gif\r\nContent-Length: 4\r\n\r\n\"hi\"")).startsWith("HTTP/1.1 406")
                .contains("image/png, image/gif");
    }

    @Test
    void xAcceptBodyCodecTakesANameOrAnId() throws Exception {
        for (String value : List.of("plain", Integer.toString('s'))) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/math/echo")).header("Content-Type", "application/json")
                    .header("X-Accept-Body-Codec", value).POST(HttpRequest.BodyPublishers.ofString("\"hi\"")));
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(value).startsWith("text/plain");
            assertThat(r.body()).isEqualTo("hi");
        }
    }

    // ---- CORS ----------------------------------------------------------------------------------

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndOthersAreRefused() throws Exception {
        HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/math/add")).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");

        HttpResponse<String> evil = send(HttpRequest.newBuilder(uri("/math/add")).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void anActualRequestCarriesTheAllowOriginOnlyForAnAllowedOrigin() throws Exception {
        HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/math/add")).header("Origin", "https://app.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1,\"b\":2}")));
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");

        HttpResponse<String> evil = send(HttpRequest.newBuilder(uri("/math/add")).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1,\"b\":2}")));
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void nothingIsAllowedByDefault() throws Exception {
        Endpoint plain = peers.endpoint();
        plain.router().routeCall(new MathService());
        InetSocketAddress plainBound = (InetSocketAddress) plain.listen("tcp://127.0.0.1:0?proto=http");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + Addresses.format(plainBound) + "/math/add"))
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    // ---- JSON-RPC over HTTP ---------------------------------------------------------------------

    @Test
    void aJsonRpcPostToTheConfiguredPathIsAnsweredInJsonRpc() throws Exception {
        String pretty = "{\n  \"jsonrpc\": \"2.0\",\n  \"method\": \"/math/add\",\n  \"params\": {\"a\": 2, \"b\": 5},\n  \"id\": 1\n}";
        HttpResponse<String> one = post("/jsonrpc", pretty);
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode reply = JSON.readTree(one.body());
        assertThat(reply.path("result").asInt()).isEqualTo(7);
        assertThat(reply.path("id").asInt()).isEqualTo(1);

        HttpResponse<String> batch = post("/jsonrpc", "[{\"jsonrpc\":\"2.0\",\"method\":\"math.add\",\"params\":{\"a\":1,\"b\":1},\"id\":\"x\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"/math/fail\",\"params\":{\"a\":1,\"b\":1},\"id\":2}]");
        JsonNode replies = JSON.readTree(batch.body());
        assertThat(replies.isArray()).isTrue();
        assertThat(replies).hasSize(2);
        assertThat(replies.toString()).contains("\"result\":2").doesNotContain("secret");

        HttpResponse<String> note = post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"/math/add\",\"params\":{\"a\":1,\"b\":1}}");
        assertThat(note.statusCode()).as("a notification has no answer").isEqualTo(204);
    }

    @Test
    void aJsonRpcRequestPostedElsewhereIs400NamingTheJsonRpcPath() throws Exception {
        String request = "{\"jsonrpc\":\"2.0\",\"method\":\"math.add\",\"params\":{\"a\":1,\"b\":2},\"id\":1}";
        for (String path : List.of("/", "/math/add")) {
            String out = curl("-sS", "-i", "-H", "Content-Type: application/json", "-d", request, url(path));
            assertThat(out).as(path).startsWith("HTTP/1.1 400").contains("this is a JSON-RPC 2.0 request; POST it to /jsonrpc")
                    .contains("not to " + path);
        }
        // a batch, and curl's default form content type, are recognised too
        assertThat(curl("-sS", "-i", "-d", "[" + request + "]", url("/math/add"))).startsWith("HTTP/1.1 400").contains("POST it to /jsonrpc");
        assertThat(math.adds).as("no handler ran").hasValue(0);
        // the path is the configured one
        Endpoint other = peers.endpoint(EndpointConfig.builder().proto(new HttpProto(HttpOptions.DEFAULT.withJsonRpcPath("/rpc"))).build());
        other.router().routeCall(new MathService());
        InetSocketAddress otherBound = (InetSocketAddress) other.listen("tcp://127.0.0.1:0?proto=http");
        assertThat(curl("-sS", "-i", "-H", "Content-Type: application/json", "-d", request, "http://" + Addresses.format(otherBound) + "/"))
                .startsWith("HTTP/1.1 400").contains("POST it to /rpc");
        // a plain call whose body is no JSON-RPC request is untouched
        assertThat(curl("-sS", "-i", "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2,\"method\":\"x\"}", url("/math/add")))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void anythingButPostOnTheJsonRpcPathIs405AllowingPost() throws Exception {
        for (String method : List.of("GET", "DELETE", "PUT", "PATCH")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/jsonrpc"))
                    .method(method, method.equals("GET") || method.equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")));

            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().allValues("Allow")).as(method).containsExactly("POST");
            assertThat(r.body()).as(method).contains("POSTed to /jsonrpc").contains(method + " is not served here");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String curlPath() {
        return ExternalTools.require("curl", "the HTTP face is tested with curl").getPath();
    }

    private String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(curlPath(), "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private String url(String path) {
        return "http://" + Addresses.format(bound) + path;
    }

    private URI uri(String path) {
        return URI.create(url(path));
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(bound, 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

}
