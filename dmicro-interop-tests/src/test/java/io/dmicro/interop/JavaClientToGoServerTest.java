package io.dmicro.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java client -> Go DMicro v1.3.1 server, over TCP loopback. One Go process serves every cell: it
 * listens once per proto, and the Java client keeps one session per proto.
 */
class JavaClientToGoServerTest {

    static GoServer go;
    static Endpoint javaEp;
    static JavaRoutes javaRoutes;
    static final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        go = GoServer.start("-protos", String.join(",", Cells.PROTOS));
        javaEp = Endpoint.create(EndpointConfig.builder().callTimeout(Duration.ofSeconds(20)).filters(Cells.FILTERS).build());
        javaRoutes = JavaRoutes.on(javaEp);
    }

    @AfterAll
    static void stop() {
        if (javaEp != null) {
            javaEp.close();
        }
        if (go != null) {
            go.close();
        }
    }

    static Session session(String proto) {
        // A cell that breaks its connection must not fail the cells after it: dial again.
        return sessions.compute(proto, (p, s) -> s != null && s.isHealthy() ? s : javaEp.dial("tcp://" + go.address(p) + "?proto=" + Cells.javaProto(p)));
    }

    static Object call(String proto, String route, Object arg, Class<?> type, CallOptions options) {
        return Session.await(session(proto).call(route, arg, type, options));
    }

    @ParameterizedTest(name = "{0} proto, codec {1}")
    @MethodSource("io.dmicro.interop.Cells#protoCodec")
    void callsEveryCodecOverEveryProto(String proto, String codec) {
        CallOptions options = CallOptions.DEFAULT.withBodyCodec(Cells.codecName(codec));
        switch (codec) {
            case "p" -> assertThat(call(proto, "/echo/pb", StringValue.of("pb"), StringValue.class, options))
                    .isEqualTo(StringValue.of("hello pb"));
            case "s" -> assertThat(call(proto, "/echo/text", "text", String.class, options)).isEqualTo("hello text");
            default -> assertThat(call(proto, "/echo", new Greeting("g" + codec, 41), Greeting.class, options))
                    .isEqualTo(new Greeting("hello g" + codec, 42));
        }
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void statusCodeAndTextsCrossBothWays(String proto) {
        Failure f = new Failure(1234, "bad <&> ünïcode \"q\"", "because\\of <this>");
        // The original's JSON-RPC error has code and message only: the cause does not travel.
        String cause = proto.equals("jsonrpc") ? null : f.cause();
        assertThatThrownBy(() -> call(proto, "/fail", f, Object.class, CallOptions.DEFAULT))
                .isInstanceOfSatisfying(DrpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.of(f.code(), f.msg(), cause)));
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void unknownRouteIs404(String proto) {
        assertThatThrownBy(() -> call(proto, "/no/such/route", new Greeting("x", 1), Greeting.class, CallOptions.DEFAULT))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.NOT_FOUND));
    }


    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void metaCrossesBothWays(String proto) {
        CallOptions options = CallOptions.DEFAULT.withMeta("k", "<v&>").withMeta("a", "1 2");
        var reply = Session.await(session(proto).callForReply("/meta", null, Map.class, options));
        assertThat(JavaRoutes.metaOf(reply.body())).containsEntry("k", "<v&>").containsEntry("a", "1 2");
        // The original's http proto writes meta as headers, canonicalized by Go's net/textproto.
        assertThat(reply.meta().get(proto.equals("http") ? "Reply-K" : "reply-k")).isEqualTo("<v&>");
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void bodiesUpToTheFrameLimit(String proto) {
        int size = bodySize(proto);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        if (proto.equals("jsonrpc")) {
            // The original's jsonrpc carries JSON bodies only: a JSON string, then.
            String text = new String(body, StandardCharsets.US_ASCII);
            assertThat(call(proto, "/echo/text", text, String.class, CallOptions.DEFAULT)).isEqualTo("hello " + text);
            return;
        }
        Object reply = call(proto, "/echo/bytes", body, byte[].class, CallOptions.DEFAULT.withBodyCodec("plain"));
        assertThat((byte[]) reply).hasSize(size).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0} proto, filters {1}")
    @org.junit.jupiter.params.provider.CsvSource({"raw,gzip", "raw,md5", "raw,aes", "raw,gzip+aes+md5", "json,gzip", "json,md5", "json,aes", "protobuf,gzip", "protobuf,aes+md5", "http,gzip"})
    void transferFilters(String proto, String filters) {
        CallOptions options = CallOptions.DEFAULT.withFilters(filters.split("\\+"));
        assertThat(call(proto, "/echo", new Greeting("f", 1), Greeting.class, options)).isEqualTo(new Greeting("hello f", 2));
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#pushProtos")
    void pushesBothWays(String proto) throws InterruptedException {
        // Java pushes /push/in; the Go handler pushes /pushed back on the same session.
        Session.await(session(proto).push("/push/in", new Greeting("p-" + proto, 1)));
        assertThat(javaRoutes.awaitPushed(Duration.ofSeconds(10))).isEqualTo(new Greeting("pushed p-" + proto, 2));
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#pushProtos")
    void serverCallsTheClient(String proto) {
        // /call/back makes the Go server call /echo on this Java client and return the answer.
        assertThat(call(proto, "/call/back", new Greeting("cb", 7), Greeting.class, CallOptions.DEFAULT))
                .isEqualTo(new Greeting("hello cb", 8));
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void manyConcurrentCalls(String proto) {
        int count = 200;
        var futures = IntStream.range(0, count)
                .mapToObj(i -> session(proto).call("/echo", new Greeting("c" + i, i), Greeting.class))
                .toList();
        for (int i = 0; i < count; i++) {
            assertThat(Session.await(futures.get(i))).isEqualTo(new Greeting("hello c" + i, i + 1));
        }
    }

    @ParameterizedTest(name = "{0} proto")
    @MethodSource("io.dmicro.interop.Cells#protos")
    void seqWrapsAroundLikeGosInt32(String proto) throws Exception {
        // A fresh session whose counter is three short of Integer.MAX_VALUE: the next calls carry
        // MAX-2, MAX-1, MAX, then MIN, MIN+1 (int32 overflow, as Go's atomic.AddInt32), and the Go
        // server must answer each under its own seq. The counter is internal (the session's
        // PendingCalls), so the test sets it.
        Session s = javaEp.dial("tcp://" + go.address(proto) + "?proto=" + Cells.javaProto(proto));
        try {
            Object calls = pendingCalls(s);
            Field seq = calls.getClass().getDeclaredField("seq");
            seq.setAccessible(true);
            seq.setInt(calls, Integer.MAX_VALUE - 3);
            for (int i = 0; i < 5; i++) {
                int expected = Integer.MAX_VALUE - 2 + i;
                var reply = Session.await(s.call("/seq", null, Integer.class));
                assertThat(reply).isEqualTo(expected);
                assertThat(Session.await(s.call("/echo", new Greeting("w" + i, i), Greeting.class)))
                        .isEqualTo(new Greeting("hello w" + i, i + 1));
                seq.setInt(calls, seq.getInt(calls) - 1);
            }
        } finally {
            s.close();
        }
    }

    /** The session's PendingCalls ({@code DefaultSession.calls()}, made on first use), whose {@code seq} is the last sequence number. */
    private static Object pendingCalls(Session s) throws ReflectiveOperationException {
        Method calls = s.getClass().getDeclaredMethod("calls");
        calls.setAccessible(true);
        return calls.invoke(s);
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
