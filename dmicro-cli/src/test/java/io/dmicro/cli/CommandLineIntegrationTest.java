package io.dmicro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.describe.DescribeRoute;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.PeerProcess;
import io.dmicro.drpc.testing.TestCertificates;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every drpc command of the built jar, run as a process against an endpoint of this JVM. */
class CommandLineIntegrationTest {

    public record Args(int a, int b) {
    }

    public static class MathService {
        public int add(Args args) {
            return args.a() + args.b();
        }

        public String whoAmI(CallContext ctx) {
            return "tenant " + ctx.meta().get("X-Tenant");
        }

        public int refuse(Args args) {
            throw new DrpcException(Status.of(1001, "refused", "a is " + args.a()));
        }

        public CompletableFuture<Integer> never(Args args) {
            return new CompletableFuture<>();
        }
    }

    static Endpoint server;
    static String address;
    static String tlsAddress;
    static final BlockingQueue<String> pushes = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        server = Endpoint.create();
        server.router().routeCall(new MathService());
        server.router().routePushFunc("/news", String.class, (ctx, text) -> pushes.add(text));
        DescribeRoute.install(server.router());
        address = "127.0.0.1:" + ((InetSocketAddress) server.listen("tcp://127.0.0.1:0")).getPort();
        TestCertificates certs = TestCertificates.get();
        tlsAddress = "tls://127.0.0.1:" + ((InetSocketAddress) server.listen("tls://127.0.0.1:0?cert=" + certs.serverCert()
                + "&key=" + certs.serverKey())).getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void callPrintsThePrettyReplyAndExitsZero() {
        Cli.Run run = Cli.run("call", address, "/math/add", "{\"a\":1,\"b\":2}");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("3\n").contains("OK (").contains("codec json");
    }

    @Test
    void callWithJsonGivesStatusMetaAndBodyAsOneObject() {
        Cli.Run run = Cli.run("call", address, "/math/who_am_i", "--meta", "X-Tenant=acme", "--json");
        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode o = BodyFormat.JSON.readTree(run.jsonLine());
        assertThat(o.path("status").path("code").asInt()).isZero();
        assertThat(o.path("body").asString()).isEqualTo("tenant acme");
        assertThat(o.path("codec").asString()).isEqualTo("json");
    }

    @Test
    void callReadsTheBodyFromAFileAndFromStdin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("args.json");
        Files.writeString(file, "{\"a\":20,\"b\":22}");
        Cli.Run fromFile = Cli.run("call", address, "/math/add", "@" + file);
        assertThat(fromFile.output()).startsWith("42\n");

        try (PeerProcess p = Cli.start("call", address, "/math/add", "-")) {
            try (OutputStream in = p.stdin()) {
                in.write("{\"a\":5,\"b\":6}".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(p.output()).startsWith("11\n");
        }
    }

    @Test
    void exitCodesTellEachFailureClass() {
        assertThat(Cli.run("call", address, "/math/nope", "{}").exit()).isEqualTo(ExitCode.NOT_FOUND);
        Cli.Run refused = Cli.run("call", address, "/math/refuse", "{\"a\":7,\"b\":0}");
        assertThat(refused.exit()).isEqualTo(ExitCode.ERROR_STATUS);
        assertThat(refused.output()).contains("ERROR 1001 refused: a is 7");
        assertThat(Cli.run("call", address, "/math/never", "{\"a\":1,\"b\":1}", "--timeout", "300ms").exit()).isEqualTo(ExitCode.TIMEOUT);
        assertThat(Cli.run("call", "127.0.0.1:1", "/math/add", "{}").exit()).isEqualTo(ExitCode.CONNECT);
        assertThat(Cli.run("call", address).exit()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("call", address, "/math/add", "--codec", "nope").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void anHttpUrlIsAUsageErrorThatListsThePeerFormsAndGivesTheOneThatReachesAnHttpPeer() {
        Endpoint http = Endpoint.create();
        try {
            http.router().routeCall(new MathService());
            int port = ((InetSocketAddress) http.listen("tcp://127.0.0.1:0?proto=http")).getPort();
            Cli.Run run = Cli.run("call", "http://127.0.0.1:" + port + "/math/add", "/math/add", "{\"a\":3,\"b\":4}");
            assertThat(run.exit()).as(run.output()).isEqualTo(ExitCode.USAGE);
            // the forms taken, in one order on every run (the engine's transports, sorted)
            assertThat(run.output()).contains("http:// is not a peer address; give host:port or kcp://, quic://, tcp://, tcp4://,"
                    + " tcp6://, tls://, unix://, ws://, wss://")
                    .contains("127.0.0.1:" + port + "?proto=http (or 127.0.0.1:" + port + " --proto http)")
                    .doesNotContain("ERROR 105");

            // and what it suggests works, in both of its forms
            Cli.Run suggested = Cli.run("call", "127.0.0.1:" + port + "?proto=http", "/math/add", "{\"a\":3,\"b\":4}");
            assertThat(suggested.exit()).as(suggested.output()).isZero();
            assertThat(suggested.output()).startsWith("7\n");
            Cli.Run withOption = Cli.run("call", "127.0.0.1:" + port, "--proto", "http", "/math/add", "{\"a\":3,\"b\":4}");
            assertThat(withOption.exit()).as(withOption.output()).isZero();
            assertThat(withOption.output()).startsWith("7\n");
        } finally {
            http.close();
        }

        Cli.Run https = Cli.run("call", "https://example.test/api", "/math/add");
        assertThat(https.exit()).as(https.output()).isEqualTo(ExitCode.USAGE);
        assertThat(https.output()).contains("tls://example.test:443?proto=http (or tls://example.test:443 --proto http)");

        Cli.Run other = Cli.run("bench", "grpc://127.0.0.1:50051", "/math/add", "-d", "1s");
        assertThat(other.exit()).as(other.output()).isEqualTo(ExitCode.USAGE);
        assertThat(other.output()).contains("grpc:// is not a peer address; give host:port or kcp://").doesNotContain("proto=http");
    }

    @Test
    void aRouteNotFoundInAnotherFormGetsTheRouteItProbablyMeant() {
        // the endpoint describes its routes: the suggestion is one of them
        Cli.Run dotted = Cli.run("call", address, "math.add", "{\"a\":1,\"b\":2}");
        assertThat(dotted.exit()).as(dotted.output()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(dotted.output()).contains("did you mean /math/add?");
        Cli.Run camel = Cli.run("call", address, "/math/whoAmI");
        assertThat(camel.exit()).as(camel.output()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(camel.output()).contains("did you mean /math/who_am_i?");
        Cli.Run unknown = Cli.run("call", address, "math.nope", "{}");
        assertThat(unknown.exit()).as(unknown.output()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.output()).doesNotContain("did you mean");

        // an endpoint that does not describe its routes: the route as a path
        Endpoint plain = Endpoint.create();
        try {
            plain.router().routeCall(new MathService());
            String at = "127.0.0.1:" + ((InetSocketAddress) plain.listen("tcp://127.0.0.1:0")).getPort();
            Cli.Run run = Cli.run("call", at, "math.add", "{\"a\":1,\"b\":2}");
            assertThat(run.exit()).as(run.output()).isEqualTo(ExitCode.NOT_FOUND);
            assertThat(run.output()).contains("did you mean /math/add?");
            assertThat(Cli.run("call", at, "/math/nope", "{}").output()).doesNotContain("did you mean");
        } finally {
            plain.close();
        }
    }

    @Test
    void aRefusedActuatorConnectionSaysSoWithTheAddress() {
        Cli.Run run = Cli.run("sessions", "http://127.0.0.1:1");
        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCode.ACTUATOR);
        assertThat(run.output()).contains("connection refused: nothing listens on 127.0.0.1:1");
    }

    @Test
    void callsOverTlsWithTheTrustedCertificateAndFailsToConnectWithout() {
        TestCertificates certs = TestCertificates.get();
        Cli.Run ok = Cli.run("call", tlsAddress, "/math/add", "{\"a\":2,\"b\":2}", "--ca", certs.serverCert());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).startsWith("4\n");
        assertThat(Cli.run("call", tlsAddress, "/math/add", "{\"a\":2,\"b\":2}", "--ca", certs.clientCert()).exit())
                .isEqualTo(ExitCode.CONNECT);
    }

    @Test
    void callSpeaksOtherProtos() {
        Endpoint other = Endpoint.create();
        try {
            other.router().routeCall(new MathService());
            // a shared port's sniff timeout generous enough for a loaded CI machine: this test is about the protos, not the timeout
            int port = ((InetSocketAddress) other.listen("tcp://127.0.0.1:0?protos=raw,json,jsonrpc,ws&sniffTimeout=10000")).getPort();
            for (String uri : new String[] {"127.0.0.1:" + port + "?proto=json", "127.0.0.1:" + port + "?proto=jsonrpc",
                    "ws://127.0.0.1:" + port + "/"}) {
                Cli.Run run = Cli.run("call", uri, "/math/add", "{\"a\":3,\"b\":4}");
                assertThat(run.exit()).as(uri + "\n" + run.output()).isZero();
                assertThat(run.output()).as(uri).startsWith("7\n");
            }
        } finally {
            other.close();
        }
    }

    @Test
    void pushIsDeliveredToThePushRoute() throws InterruptedException {
        pushes.clear();
        Cli.Run run = Cli.run("push", address, "/news", "\"hello from the shell\"");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(pushes.poll(10, TimeUnit.SECONDS)).isEqualTo("hello from the shell");
    }

    @Test
    void listenPrintsThePeersPushesAndCallsAndEchoesCalls() throws Exception {
        Endpoint peer = Endpoint.create();
        CompletableFuture<String> answered = new CompletableFuture<>();
        try {
            int port = ((InetSocketAddress) peer.listen("tcp://127.0.0.1:0")).getPort();
            try (PeerProcess listen = Cli.start("listen", "127.0.0.1:" + port, "--count", "2")) {
                Session s = sessionOf(listen, peer);
                s.push("/tick", new Args(1, 2)).get(10, TimeUnit.SECONDS);
                answered.complete(s.call("/ask", "are you there?", String.class).get(10, TimeUnit.SECONDS));
                assertThat(listen.awaitExit(Duration.ofSeconds(30))).isZero();
                assertThat(listen.output()).contains("PUSH /tick {\"a\":1,\"b\":2}").contains("CALL /ask \"are you there?\"");
            }
            assertThat(answered.get()).isEqualTo("are you there?");
        } finally {
            peer.close();
        }
    }

    @Test
    void listenWithCountPrintsThatManyMessagesWhenMoreArriveTogether() throws Exception {
        Endpoint peer = Endpoint.create();
        try {
            int port = ((InetSocketAddress) peer.listen("tcp://127.0.0.1:0")).getPort();
            try (PeerProcess listen = Cli.start("listen", "127.0.0.1:" + port, "--count", "1")) {
                Session s = sessionOf(listen, peer);
                java.util.List<CompletableFuture<Void>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    sent.add(s.push("/tick", new Args(i, i))); // written back to back: they arrive in one read
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                assertThat(listen.awaitExit(Duration.ofSeconds(30))).isZero();
                assertThat(listen.output().lines().filter(l -> l.contains("PUSH /tick"))).hasSize(1);
                assertThat(listen.output()).contains("done: 1 messages");
            }
        } finally {
            peer.close();
        }
    }

    @Test
    void listenAnswersCallsWithTheGivenReplyAndEndsWithCode4WhenThePeerCloses() throws Exception {
        Endpoint peer = Endpoint.create();
        try {
            int port = ((InetSocketAddress) peer.listen("tcp://127.0.0.1:0")).getPort();
            try (PeerProcess listen = Cli.start("listen", "127.0.0.1:" + port, "--reply", "{\"ok\":true}", "--json")) {
                Session s = sessionOf(listen, peer);
                JsonNode reply = s.call("/ask", "x", JsonNode.class).get(10, TimeUnit.SECONDS);
                assertThat(reply.path("ok").asBoolean()).isTrue();
                listen.awaitLine("\"type\":\"call\",\"route\":\"/ask\"", Duration.ofSeconds(10));
                s.close().get(10, TimeUnit.SECONDS);
                assertThat(listen.awaitExit(Duration.ofSeconds(30))).isEqualTo(ExitCode.CONNECTION_LOST);
            }
        } finally {
            peer.close();
        }
    }

    /** The session {@code peer} accepted from a {@code dmicro listen} process, once the process says it listens. */
    private static Session sessionOf(PeerProcess listen, Endpoint peer) throws Exception {
        listen.awaitLine("listening on the session", Duration.ofSeconds(60));
        io.dmicro.drpc.testing.Peers.await("the listener's session", Duration.ofSeconds(10), () -> peer.sessionCount() == 1);
        return peer.sessions().iterator().next();
    }

    @Test
    void describeListsRoutesWithKindsAndSchemas() {
        Cli.Run run = Cli.run("describe", address);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("call /math/add\n  argument: {a: integer, b: integer}")
                .contains("reply:    integer").contains("push /news\n  argument: string");

        Cli.Run json = Cli.run("describe", address, "--json");
        JsonNode d = BodyFormat.JSON.readTree(json.output().substring(json.output().indexOf('{')));
        assertThat(d.path("routes").findValuesAsString("name")).contains("/math/add", "/news", DescribeRoute.ROUTE);
    }

    @Test
    void describeOfAnEndpointWithoutTheRouteSaysSoWithCode6() {
        Endpoint plain = Endpoint.create();
        try {
            int port = ((InetSocketAddress) plain.listen("tcp://127.0.0.1:0")).getPort();
            Cli.Run run = Cli.run("describe", "127.0.0.1:" + port);
            assertThat(run.exit()).isEqualTo(ExitCode.NOT_FOUND);
            assertThat(run.output()).contains("serves no description");
        } finally {
            plain.close();
        }
    }

    @Test
    void benchNamesTheCallersOptionAsTypedAndTheConnectionsOptionApart() {
        Cli.Run callers = Cli.run("bench", address, "/math/add", "{}", "-c", "0");
        assertThat(callers.exit()).as(callers.output()).isEqualTo(ExitCode.USAGE);
        assertThat(callers.output()).contains("-c/--callers must be at least 1, got 0").doesNotContain("--connections");
        Cli.Run connections = Cli.run("bench", address, "/math/add", "{}", "--connections", "0");
        assertThat(connections.exit()).as(connections.output()).isEqualTo(ExitCode.USAGE);
        assertThat(connections.output()).contains("--connections must be at least 1, got 0").doesNotContain("--callers");
        Cli.Run more = Cli.run("bench", address, "/math/add", "{}", "-c", "2", "--connections", "3");
        assertThat(more.exit()).as(more.output()).isEqualTo(ExitCode.USAGE);
        assertThat(more.output()).contains("--connections (3) cannot be more than -c/--callers (2)");
    }

    @Test
    void benchReportsThroughputAndPercentilesWithinItsDuration() {
        long start = System.nanoTime();
        Cli.Run run = Cli.run("bench", address, "/math/add", "{\"a\":1,\"b\":2}", "-c", "4", "-d", "2s");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Summary:").contains("Calls/sec:").contains("99 % in").contains("[OK]")
                .containsPattern("\\[ *[12]\\.\\ds\\] [\\d,]+ calls");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));

        Cli.Run json = Cli.run("bench", address, "/math/refuse", "{\"a\":1,\"b\":2}", "-c", "2", "-d", "1s", "--json", "--quiet");
        assertThat(json.exit()).isEqualTo(ExitCode.BENCH_FAILURES);
        JsonNode o = BodyFormat.JSON.readTree(json.jsonLine());
        assertThat(o.path("ok").asLong()).isZero();
        assertThat(o.path("failedByStatus").path("1001").asLong()).isPositive();
        assertThat(o.path("firstFailureByStatus").path("1001").asString()).startsWith("ERROR 1001 ");

        // every call fails: the summary says why, not only with which code
        Cli.Run table = Cli.run("bench", address, "/math/nope", "{}", "-c", "2", "-d", "1s", "--quiet");
        assertThat(table.exit()).isEqualTo(ExitCode.BENCH_FAILURES);
        assertThat(table.output()).containsPattern("\\[404\\] +[\\d,]+ calls  \\(first: ERROR 404 Not Found: [^)]*/math/nope");
        assertThat(table.output()).doesNotContain("did you mean");
        // a route in another form: bench suggests the one meant, as call does
        Cli.Run dotted = Cli.run("bench", address, "math.add", "{}", "-c", "1", "-d", "1s", "--quiet");
        assertThat(dotted.exit()).isEqualTo(ExitCode.BENCH_FAILURES);
        assertThat(dotted.output()).contains("did you mean /math/add?");
    }
}
