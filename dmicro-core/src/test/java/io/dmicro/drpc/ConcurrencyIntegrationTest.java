package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyIntegrationTest {

    public record Pair(int a, int b) {
    }

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void tenThousandConcurrentCallsOverSeveralSessionsAreAllAnsweredCorrectly() throws Exception {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/mul", Pair.class, (ctx, p) -> p.a() * p.b());
        server.router().routeCallFunc("/mul_async", Pair.class,
                (ctx, p) -> CompletableFuture.supplyAsync(() -> p.a() * p.b()));
        server.router().routeCallFunc("/mul_fast", Pair.class, (ctx, p) -> p.a() * p.b(), RouteOptions.nonBlockingRoute());
        String address = Peers.listen(server);
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(peers.endpoint().dial(address));
        }
        String[] routes = {"/mul", "/mul_async", "/mul_fast"};

        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Session s = sessions.get(i % sessions.size());
            calls.add(s.call(routes[i % routes.length], new Pair(i, 3), Integer.class));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join()).as("call %d", i).isEqualTo(i * 3);
        }
        sessions.forEach(s -> assertThat(s.callsInFlight()).isZero());
    }

    @Test
    void serverAndClientCallEachOtherConcurrently() throws Exception {
        Endpoint server = peers.endpoint();
        Endpoint client = peers.endpoint();
        server.router().routeCallFunc("/up", Integer.class, (ctx, i) -> i + 1);
        client.router().routeCallFunc("/down", Integer.class, (ctx, i) -> i - 1);
        Session c = Peers.dial(client, server);
        Peers.await("server session", java.time.Duration.ofSeconds(5), () -> server.sessionCount() == 1);
        Session s = server.sessions().iterator().next();

        List<CompletableFuture<Integer>> up = new ArrayList<>();
        List<CompletableFuture<Integer>> down = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            up.add(c.call("/up", i, Integer.class));
            down.add(s.call("/down", i, Integer.class));
        }
        for (int i = 0; i < 2_000; i++) {
            assertThat(up.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + 1);
            assertThat(down.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i - 1);
        }
    }
}
