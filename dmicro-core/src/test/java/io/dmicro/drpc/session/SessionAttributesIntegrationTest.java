package io.dmicro.drpc.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.testing.FaultProxy;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attributes belong to one session, are what its handlers see, and live as long as the session does. */
class SessionAttributesIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private Endpoint server() {
        Endpoint server = peers.endpoint();
        // a handler counts on its own session and reads what a previous call left there
        server.router().routeCallFunc("/attr/count", String.class, (ctx, v) ->
                (Integer) ctx.session().attributes().merge("count", 1, (a, b) -> (Integer) a + (Integer) b));
        return server;
    }

    @Test
    void eachSessionKeepsItsOwnAttributesAndHandlersSeeThem() {
        Endpoint server = server();
        Session a = Peers.dial(peers.endpoint(), server);
        Session b = Peers.dial(peers.endpoint(), server);
        for (int i = 1; i <= 3; i++) {
            assertThat(a.callSync("/attr/count", "x", Integer.class)).isEqualTo(i);
        }
        assertThat(b.callSync("/attr/count", "x", Integer.class)).isEqualTo(1);
        assertThat(server.sessions()).extracting(s -> s.attributes().get("count")).containsExactlyInAnyOrder(3, 1);
        assertThat(a.attributes()).isEmpty(); // the dialing side's session has its own, untouched map
    }

    @Test
    void concurrentHandlersUpdateOneSessionsAttributesWithoutLosingAnUpdate() throws Exception {
        Endpoint server = server();
        Session a = Peers.dial(peers.endpoint(), server);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(a.call("/attr/count", "x", Integer.class));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(server.sessions().iterator().next().attributes()).containsEntry("count", 200);
    }

    @Test
    void aDialedSessionKeepsItsAttributesAcrossARedial() throws Exception {
        Endpoint server = server();
        try (FaultProxy proxy = FaultProxy.start(FaultProxy.loopback(((InetSocketAddress) server.listen("tcp://127.0.0.1:0")).getPort()))) {
            Session s = peers.endpoint(EndpointConfig.builder().redialTimes(-1).redialInterval(Duration.ofMillis(20)).build())
                    .dial(proxy.address());
            s.attributes().put("user", "ann");
            assertThat(s.callSync("/attr/count", "x", Integer.class)).isEqualTo(1);
            proxy.cut();
            Peers.await("redialed", BOUND, () -> s.state() == SessionState.OK && proxy.acceptedCount() >= 2);
            assertThat(s.callSync("/attr/count", "x", Integer.class)).isEqualTo(1); // the server side is a new session: its attributes start empty
            assertThat(s.attributes()).containsEntry("user", "ann");
        }
    }
}
