package io.dmicro.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.plugin.auth.AuthBearerPlugin;
import io.dmicro.drpc.plugin.auth.AuthCheckerPlugin;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPing;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPong;
import io.dmicro.drpc.plugin.proxy.Forwarder;
import io.dmicro.drpc.plugin.proxy.ProxyPlugin;
import io.dmicro.drpc.plugin.securebody.SecureBody;
import io.dmicro.drpc.plugin.securebody.SecureBodyPlugin;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The original's plugins meeting ours across the language line, each way. */
class PluginsInteropTest {

    static final String KEY = "0123456789abcdef";

    static String listen(Endpoint ep) {
        return "127.0.0.1:" + ((InetSocketAddress) ep.listen("tcp://127.0.0.1:0")).getPort();
    }

    /** Counts calls or pushes of one route that reach an endpoint, before any handler. */
    static final class Seen implements AfterReadCallHeader, AfterReadPushHeader {
        final String route;
        final CountDownLatch latch;

        Seen(String route, int count) {
            this.route = route;
            this.latch = new CountDownLatch(count);
        }

        @Override
        public String name() {
            return "seen";
        }

        @Override
        public Status afterReadCallHeader(ReadContext ctx) {
            return see(ctx);
        }

        @Override
        public Status afterReadPushHeader(ReadContext ctx) {
            return see(ctx);
        }

        private Status see(ReadContext ctx) {
            if (ctx.input().serviceMethod().equals(route)) {
                latch.countDown();
            }
            return Status.OK;
        }
    }

    static Endpoint endpoint(Plugin... plugins) {
        Endpoint ep = Endpoint.create(EndpointConfig.builder().plugins(plugins).callTimeout(Duration.ofSeconds(10)).build());
        JavaRoutes.on(ep);
        return ep;
    }

    @Test
    void goPingsReachJavaPongAndTheSessionStaysUp() throws Exception {
        Seen seen = new Seen("/heartbeat", 1);
        try (Endpoint java = endpoint(new HeartbeatPong(), seen); GoClient go = GoClient.start("-plugins", "ping-call:1")) {
            String addr = listen(java);
            JsonNode first = go.run(GoClient.to("tcp", addr, "raw").call("/echo", "greeting", "j").greeting("hb", 1));
            assertThat(first.get("code").asInt()).isZero();
            assertThat(seen.latch.await(10, TimeUnit.SECONDS)).as("a Go ping reached the Java pong").isTrue();
            JsonNode after = go.run(GoClient.to("tcp", addr, "raw").call("/echo", "greeting", "j").greeting("hb", 2));
            assertThat(after.get("code").asInt()).isZero();
            assertThat(java.sessionCount()).isEqualTo(1);
        }
    }

    @Test
    void javaPingsReachGoPongAndAreAnswered() throws Exception {
        HeartbeatPing ping = new HeartbeatPing(Duration.ofSeconds(1), HeartbeatPing.Mode.CALL);
        try (GoServer go = GoServer.start("-protos", "raw", "-plugins", "pong"); Endpoint java = endpoint(ping)) {
            Session s = java.dial("tcp://" + go.address("raw"));
            // The Go server's run log prints each call it answers; two pings must appear.
            Peers.await("two Java pings answered by the Go pong", Duration.ofSeconds(10),
                    () -> go.process().output().split("CALL<- [^\n]*\"/heartbeat\"", -1).length > 2);
            assertThat(s.isHealthy()).isTrue();
            assertThat(Session.<Greeting>await(s.call("/echo", new Greeting("hb", 1), Greeting.class))).isEqualTo(new Greeting("hello hb", 2));
        }
    }

    @Test
    void goBearerIsCheckedByJavaAndAWrongTokenIsRefused() {
        try (Endpoint java = endpoint(AuthCheckerPlugin.token("secret"));
             GoClient good = GoClient.start("-plugins", "bearer:secret");
             GoClient bad = GoClient.start("-plugins", "bearer:wrong")) {
            String addr = listen(java);
            JsonNode ok = good.run(GoClient.to("tcp", addr, "raw").call("/echo", "greeting", "j").greeting("a", 1));
            assertThat(ok.get("code").asInt()).as("%s", ok).isZero();
            JsonNode refused = bad.run(GoClient.to("tcp", addr, "raw").call("/echo", "greeting", "j").greeting("a", 1));
            assertThat(refused.get("code").asInt()).as("%s", refused).isNotZero();
            assertThat(refused.toString()).contains("invalid token");
        }
    }

    @Test
    void javaBearerIsCheckedByGoAndAWrongTokenIsRefused() {
        try (GoServer go = GoServer.start("-protos", "raw", "-plugins", "checker:secret");
             Endpoint good = endpoint(AuthBearerPlugin.token("secret"));
             Endpoint bad = endpoint(AuthBearerPlugin.token("wrong"))) {
            Session s = good.dial("tcp://" + go.address("raw"));
            assertThat(Session.<Greeting>await(s.call("/echo", new Greeting("a", 1), Greeting.class))).isEqualTo(new Greeting("hello a", 2));
            assertThatThrownBy(() -> bad.dial("tcp://" + go.address("raw")))
                    .isInstanceOf(DrpcException.class).hasMessageContaining("invalid token");
        }
    }

    @Test
    void secureBodyInTheDrpcCompatibleModeBothWays() {
        try (GoServer goServer = GoServer.start("-protos", "raw", "-plugins", "secure:" + KEY);
             GoClient goClient = GoClient.start("-plugins", "secure:" + KEY);
             Endpoint java = endpoint(SecureBodyPlugin.drpcCompatible(KEY))) {
            Session s = java.dial("tcp://" + goServer.address("raw"));
            CallOptions secure = SecureBody.secure(CallOptions.DEFAULT);
            assertThat(Session.<Greeting>await(s.call("/echo", new Greeting("s", 1), Greeting.class, secure))).isEqualTo(new Greeting("hello s", 2));
            String addr = listen(java);
            JsonNode r = goClient.run(GoClient.to("tcp", addr, "raw").call("/echo", "greeting", "j").greeting("s", 1)
                    .with("meta", Map.of(SecureBody.SECURE_META, "true")));
            assertThat(r.get("code").asInt()).as("%s", r).isZero();
            assertThat(r.get("body").get("name").asString()).isEqualTo("hello s");
        }
    }

    @Test
    void secureBodyWithTheWrongKeyIsRefused() {
        try (GoServer goServer = GoServer.start("-protos", "raw", "-plugins", "secure:fedcba9876543210");
             Endpoint java = endpoint(SecureBodyPlugin.drpcCompatible(KEY))) {
            Session s = java.dial("tcp://" + goServer.address("raw"));
            assertThatThrownBy(() -> Session.await(s.call("/echo", new Greeting("s", 1), Greeting.class, SecureBody.secure(CallOptions.DEFAULT))))
                    .isInstanceOf(DrpcException.class);
        }
    }

    @Test
    void theJavaProxyPluginInFrontOfAGoServer() {
        try (GoServer go = GoServer.start("-protos", "raw"); Endpoint upstreamSide = Endpoint.create()) {
            Session upstream = upstreamSide.dial("tcp://" + go.address("raw"));
            try (Endpoint gateway = Endpoint.create(EndpointConfig.builder().plugins(ProxyPlugin.to(label -> Forwarder.of(upstream))).build());
                 Endpoint client = Endpoint.create()) {
                Session s = client.dial("tcp://" + listen(gateway));
                assertThat(Session.<Greeting>await(s.call("/echo", new Greeting("via", 1), Greeting.class))).isEqualTo(new Greeting("hello via", 2));
                var reply = Session.await(s.call("/meta", null, Map.class, CallOptions.DEFAULT.withMeta("k", "v")));
                assertThat(JavaRoutes.metaOf(reply)).containsEntry("k", "v").containsKey("X-Real-IP");
                assertThatThrownBy(() -> Session.await(s.call("/fail", new Failure(1234, "m", "c"), Object.class)))
                        .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.status()).isEqualTo(Status.of(1234, "m", "c")));
            }
        }
    }

    @Test
    void aJavaClientRedialsAcrossAGoServerRestart() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (Endpoint java = Endpoint.create(EndpointConfig.builder().redialTimes(-1).redialInterval(Duration.ofMillis(100))
                .callTimeout(Duration.ofSeconds(10)).build())) {
            Session s;
            try (GoServer first = GoServer.start("-protos", "raw", "-port", Integer.toString(port))) {
                s = java.dial("tcp://" + first.address("raw"));
                assertThat(Session.<Greeting>await(s.call("/echo", new Greeting("before", 1), Greeting.class))).isEqualTo(new Greeting("hello before", 2));
            }
            try (GoServer second = GoServer.start("-protos", "raw", "-port", Integer.toString(port))) {
                // The same session: calls made while it redials wait for the redial.
                assertThat(Session.<Greeting>await(s.call("/echo", new Greeting("after", 1), Greeting.class))).isEqualTo(new Greeting("hello after", 2));
                assertThat(java.sessionCount()).isEqualTo(1);
            }
        }
    }
}
