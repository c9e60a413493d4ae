package io.dmicro.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.status.Status;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Go DMicro v1.3.1 client -> Java server, over TCP loopback. One Java endpoint listens once per
 * proto; one Go client process runs every cell, keeping a session per proto.
 */
class GoClientToJavaServerTest {

    static Endpoint javaEp;
    static JavaRoutes javaRoutes;
    static GoClient go;
    static final Map<String, String> addresses = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        javaEp = Endpoint.create(EndpointConfig.builder().callTimeout(Duration.ofSeconds(20)).filters(Cells.FILTERS).build());
        javaRoutes = JavaRoutes.on(javaEp);
        for (String proto : Cells.PROTOS) {
            InetSocketAddress a = (InetSocketAddress) javaEp.listen("tcp://127.0.0.1:0?proto=" + Cells.javaProto(proto));
            addresses.put(proto, "127.0.0.1:" + a.getPort());
        }
        go = GoClient.start();
    }

    @AfterAll
    static void stop() {
        if (go != null) {
            go.close();
        }
        if (javaEp != null) {
            javaEp.close();
        }
    }

    static GoClient.Command to(String proto) {
        return GoClient.to("tcp", addresses.get(proto), proto);
    }

    static void assertOk(JsonNode r) {
        assertThat(r.get("code").asInt()).as("status of %s", r).isZero();
    }

    @ParameterizedTest(name = "{0} proto, codec {1}")
    @MethodSource("io.dmicro.interop.Cells#protoCodec")
    void callsEveryCodecOverEveryProto(String proto, String codec) {
        JsonNode r = switch (codec) {
            case "p" -> go.run(to(proto).call("/echo/pb", "pb", codec).greeting("pb", 0));
            case "s" -> go.run(to(proto).call("/echo/text", "text", codec).greeting("text", 0));
            default -> go.run(to(proto).call("/echo", "greeting", codec).greeting("g" + codec, 41));
        };
        assertOk(r);
        switch (codec) {
            case "p" -> assertThat(r.get("body").asString()).isEqualTo("hello pb");
            case "s" -> assertThat(r.get("body").asString()).isEqualTo("hello text");
            default -> {
                assertThat(r.get("body").get("name").asString()).isEqualTo("hello g" + codec);
                assertThat(r.get("body").get("n").asInt()).isEqualTo(42);
            }
        }
        // The reply comes back in the codec of the call (jsonrpc: always JSON).
        assertThat(r.get("codec").asString()).isEqualTo(codec);
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void statusCodeAndTextsCrossBothWays(String proto) {
        String text = Cells.goSendable(proto, "bad <&> ünïcode \"q\" \\ end");
        JsonNode r = go.run(to(proto).call("/fail", "failure", "j").with("code", 1234).with("name", text));
        assertThat(r.get("code").asInt()).as("%s", r).isEqualTo(1234);
        assertThat(r.get("msg").asString()).isEqualTo(text);
        // The original's JSON-RPC error has code and message only: the cause does not travel, and
        // the original's reader makes the message its cause.
        assertThat(r.get("cause").asString()).isEqualTo(proto.equals("jsonrpc") ? text : "cause " + text);
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void unknownRouteIs404(String proto) {
        JsonNode r = go.run(to(proto).call("/no/such/route", "greeting", "j").greeting("x", 1));
        assertThat(r.get("code").asInt()).as("%s", r).isEqualTo(Status.NOT_FOUND);
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void metaCrossesBothWays(String proto) {
        JsonNode r = go.run(to(proto).call("/meta", "map", "j").with("meta", Map.of("k", "<v&>", "a", "1 2")));
        assertOk(r);
        // The original's http proto writes meta as headers through Go's http.Header, which
        // canonicalizes their names (k becomes K); the other protos keep names as they are.
        boolean http = proto.equals("http");
        assertThat(r.get("body").path(http ? "K" : "k").asString()).as("%s", r).isEqualTo("<v&>");
        assertThat(r.get("body").path(http ? "A" : "a").asString()).as("%s", r).isEqualTo("1 2");
        assertThat(r.get("meta").path("reply-k").asString()).as("%s", r).isEqualTo("<v&>");
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void bodiesUpToTheFrameLimit(String proto) {
        int size = bodySize(proto);
        JsonNode r = proto.equals("jsonrpc")
                ? go.run(to(proto).call("/echo/text", "text", "j").with("name", "x".repeat(size)))
                : go.run(to(proto).call("/echo/bytes", "bytes", "s").with("size", size));
        assertOk(r);
        if (proto.equals("jsonrpc")) {
            assertThat(r.get("body").asString()).hasSize(size + 6);
        } else {
            assertThat(r.get("body").get("size").asInt()).isEqualTo(size);
            assertThat(r.get("body").get("allX").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} proto, filters {1}")
    @CsvSource({"raw,z", "raw,5", "raw,a", "raw,za5", "json,z", "json,5", "json,a", "protobuf,z", "protobuf,a5", "http,z"})
    void transferFilters(String proto, String filters) {
        JsonNode r = go.run(to(proto).call("/echo", "greeting", "j").greeting("f", 1).with("filters", filters));
        assertOk(r);
        assertThat(r.get("body").get("name").asString()).isEqualTo("hello f");
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#pushProtos")
    void pushesBothWays(String proto) {
        // Go pushes /push/in; the Java handler pushes /pushed back, which the Go client reports.
        String name = "gp-" + proto;
        assertOk(go.run(to(proto).with("op", "push").with("route", "/push/in").with("body", "greeting").greeting(name, 1)));
        go.process().awaitLine("^PUSHED (\\{\"name\":\"pushed " + name + "\",\"n\":2\\})$", Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#pushProtos")
    void serverCallsTheClient(String proto) {
        // /call/back makes the Java server call /echo on this Go client.
        JsonNode r = go.run(to(proto).call("/call/back", "greeting", "j").greeting("cb", 7));
        assertOk(r);
        assertThat(r.get("body").get("name").asString()).isEqualTo("hello cb");
        assertThat(r.get("body").get("n").asInt()).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void manyConcurrentCalls(String proto) {
        JsonNode r = go.run(to(proto).with("op", "concurrent").with("count", 200));
        assertThat(r.get("body").get("ok").asInt()).as("%s", r).isEqualTo(200);
    }

    /**
     * Our frame limit (4 MiB) less room for the header. The original's jsonrpc reads its line one
     * byte per read call and parses it with GoFrame's format-sniffing gjson, which takes tens of
     * seconds for megabytes: its cells use 256 KiB.
     */
    static int bodySize(String proto) {
        return proto.equals("jsonrpc") ? 256 * 1024 : javaEp.config().maxMessageSize() - 1024;
    }
}
