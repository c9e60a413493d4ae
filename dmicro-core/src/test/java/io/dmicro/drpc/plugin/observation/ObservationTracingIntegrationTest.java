package io.dmicro.drpc.plugin.observation;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Span.Kind;
import brave.handler.MutableSpan;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.BaggageInScope;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trace across drpc endpoints, each with its own real tracer (Micrometer Tracing's Brave bridge,
 * W3C propagation, ids in the MDC): A calls B, B's handler calls C; B calls back A on the session A
 * dialed; pushes go both ways; an HTTP client and a JSON-RPC-over-HTTP client hand in a traceparent.
 */
class ObservationTracingIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger("observation-test");
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final BraveTracing ta = new BraveTracing("a");
    private final BraveTracing tb = new BraveTracing("b");
    private final BraveTracing tc = new BraveTracing("c");
    private final LogCapture logs = new LogCapture("observation-test");
    private Endpoint a;
    private Endpoint b;
    private Endpoint c;
    private Session aToB;

    @BeforeEach
    void start() {
        a = peers.endpoint(EndpointConfig.builder().plugins(new DrpcObservationPlugin(ta.registry)).build());
        b = peers.endpoint(EndpointConfig.builder().plugins(new DrpcObservationPlugin(tb.registry)).build());
        c = peers.endpoint(EndpointConfig.builder().plugins(new DrpcObservationPlugin(tc.registry)).build());
        c.router().routeCallFunc("/c/echo", String.class, (ctx, arg) -> {
            log.info("c handles echo");
            String tenant = tc.tracer.getBaggage(BraveTracing.TENANT).get();
            return arg + ":" + tenant;
        });
        Session bToC = Peers.dial(b, c);
        b.router().routeCallFunc("/b/hop", String.class, (ctx, arg) -> {
            log.info("b handles hop");
            return bToC.callSync("/c/echo", arg, String.class);
        });
        b.router().routeCallFunc("/b/back", String.class, (ctx, arg) -> ctx.session().callSync("/a/echo", arg, String.class));
        b.router().routePushFunc("/b/note", String.class, (ctx, arg) -> {
            log.info("b got note");
            ctx.session().push("/a/note", arg);
        });
        a.router().routeCallFunc("/a/echo", String.class, (ctx, arg) -> {
            log.info("a answers back");
            return arg;
        });
        a.router().routePushFunc("/a/note", String.class, (ctx, arg) -> log.info("a got note"));
        aToB = Peers.dial(a, b);
    }

    @AfterEach
    void stop() {
        peers.close();
        logs.close();
        ta.close();
        tb.close();
        tc.close();
    }

    @Test
    void oneTraceCrossesThreeEndpointsWithParentChildSpansBaggageAndMdc() throws Exception {
        Observation request = Observation.start("test.request", ta.registry);
        String reply;
        try (Observation.Scope scope = request.openScope(); BaggageInScope tenant = ta.tracer.createBaggageInScope(BraveTracing.TENANT, "acme")) {
            log.info("a calls");
            reply = aToB.call("/b/hop", "hi", String.class).get(10, TimeUnit.SECONDS);
        } finally {
            request.stop();
        }
        assertThat(reply).as("the baggage reached C across two hops").isEqualTo("hi:acme");

        Peers.await("every span ended", BOUND, () -> ta.spans.size() == 2 && tb.spans.size() == 2 && tc.spans.size() == 1);
        MutableSpan root = ta.span("test.request", null);
        String traceId = root.traceId();
        MutableSpan aClient = ta.span("/b/hop", Kind.CLIENT);
        MutableSpan bServer = tb.span("/b/hop", Kind.SERVER);
        MutableSpan bClient = tb.span("/c/echo", Kind.CLIENT);
        MutableSpan cServer = tc.span("/c/echo", Kind.SERVER);
        for (MutableSpan s : new MutableSpan[] {aClient, bServer, bClient, cServer}) {
            assertThat(s.traceId()).as(s.toString()).isEqualTo(traceId);
        }
        assertThat(aClient.parentId()).isEqualTo(root.id());
        assertThat(bServer.parentId()).isEqualTo(aClient.id());
        assertThat(bClient.parentId()).isEqualTo(bServer.id());
        assertThat(cServer.parentId()).isEqualTo(bClient.id());
        assertThat(cServer.tags()).containsEntry("rpc.system", "dmicro").containsEntry("rpc.method", "/c/echo")
                .containsEntry("rpc.dmicro.status_code", "0").containsEntry("dmicro.role", "server");

        assertThat(logs.traceIdOf("a calls")).isEqualTo(traceId);
        assertThat(logs.traceIdOf("b handles hop")).isEqualTo(traceId);
        assertThat(logs.traceIdOf("c handles echo")).isEqualTo(traceId);
    }

    @Test
    void serverCallsBackOnTheAcceptedSessionAndPushesCarryTheTraceBothWays() throws Exception {
        Observation request = Observation.start("test.request", ta.registry);
        try (Observation.Scope scope = request.openScope()) {
            assertThat(aToB.call("/b/back", "ping", String.class).get(10, TimeUnit.SECONDS)).isEqualTo("ping");
            aToB.push("/b/note", "note").get(10, TimeUnit.SECONDS);
        } finally {
            request.stop();
        }
        String traceId = ta.span("test.request", null).traceId();
        Peers.await("the push came back to A", BOUND, () -> logs.events().stream().anyMatch(e -> e.getFormattedMessage().equals("a got note")));

        assertThat(logs.traceIdOf("a answers back")).as("B's call to A on the session A dialed").isEqualTo(traceId);
        assertThat(logs.traceIdOf("b got note")).as("A's push to B").isEqualTo(traceId);
        assertThat(logs.traceIdOf("a got note")).as("B's push to A, sent from the push handler").isEqualTo(traceId);
        Peers.await("B's spans ended", BOUND, () -> tb.spans.size() >= 4);
        MutableSpan bServer = tb.span("/b/back", Kind.SERVER);
        MutableSpan bCallsBack = tb.span("/a/echo", Kind.CLIENT);
        assertThat(bCallsBack.parentId()).isEqualTo(bServer.id());
        Peers.await("A's server span ended", BOUND, () -> ta.spans.stream().anyMatch(s -> s.kind() == Kind.SERVER));
        assertThat(ta.span("/a/echo", Kind.SERVER).parentId()).isEqualTo(bCallsBack.id());
        assertThat(tb.span("/b/note", Kind.CONSUMER).parentId()).isEqualTo(ta.span("/b/note", Kind.PRODUCER).id());
        assertThat(ta.span("/a/note", Kind.CONSUMER).parentId()).isEqualTo(tb.span("/a/note", Kind.PRODUCER).id());
    }

    @Test
    void httpHeadersAndJsonRpcContextBringTheCallersTraceIn() throws Exception {
        InetSocketAddress http = (InetSocketAddress) c.listen("tcp://127.0.0.1:0?proto=http");
        HttpClient client = HttpClient.newHttpClient();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + Addresses.format(http) + "/c/echo"))
                .header("Content-Type", "application/json").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("baggage", "tenant=globex").POST(HttpRequest.BodyPublishers.ofString("\"web\"")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"web:globex\"");
        Peers.await("C's span ended", BOUND, () -> tc.spans.size() == 1);
        assertThat(tc.spans.get(0).traceId()).isEqualTo(traceId);
        assertThat(tc.spans.get(0).parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(tc.spans.get(0).tags()).containsEntry("network.protocol.name", "http");

        String otherTrace = "0af7651916cd43dd8448eb211c80319c";
        r = client.send(HttpRequest.newBuilder(URI.create("http://" + Addresses.format(http) + "/jsonrpc"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"/c/echo\",\"params\":\"rpc\",\"id\":7,"
                                + "\"context\":{\"traceparent\":\"00-" + otherTrace + "-b7ad6b7169203331-01\",\"baggage\":\"tenant=initech\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"result\":\"rpc:initech\"");
        Peers.await("C's second span ended", BOUND, () -> tc.spans.size() == 2);
        assertThat(tc.spans.get(1).traceId()).isEqualTo(otherTrace);
        assertThat(tc.spans.get(1).parentId()).isEqualTo("b7ad6b7169203331");
        assertThat(logs.traceIdOf("c handles echo")).isEqualTo(traceId);
    }
}
