package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.ConnectionClosedException;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.RouteNotFoundException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointIntegrationTest {

    public record Args(int a, int b) {
    }

    public static class MathService {
        public int add(Args args) {
            return args.a() + args.b();
        }

        public String whoAmI(CallContext ctx) {
            return ctx.session().id();
        }

        public int fail(Args args) {
            throw new IllegalStateException("boom " + args.a());
        }

        public int refuse(Args args) {
            throw new DrpcException(Status.of(1001, "refused", "because"));
        }
    }

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void clientCallsServerRouteAndGetsDecodedReply() {
        Endpoint server = peers.endpoint();
        assertThat(server.router().routeCall(new MathService())).contains("/math/add", "/math/who_am_i");
        Session session = Peers.dial(peers.endpoint(), server);

        assertThat(session.callSync("/math/add", new Args(1, 2), Integer.class)).isEqualTo(3);
    }

    @Test
    void serverCallsAndPushesToTheClientOverTheSameSession() throws Exception {
        Endpoint server = peers.endpoint();
        Endpoint client = peers.endpoint();
        BlockingQueue<String> pushed = new LinkedBlockingQueue<>();
        client.router().routeCallFunc("/client/echo", String.class, (ctx, s) -> "client got " + s);
        client.router().routePushFunc("/client/news", String.class, (PushContext ctx, String s) -> pushed.add(s));
        Session fromClient = Peers.dial(client, server);
        Peers.await("server session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
        Session fromServer = server.sessions().iterator().next();

        assertThat(fromServer.callSync("/client/echo", "hi", String.class)).isEqualTo("client got hi");
        fromServer.push("/client/news", "flash").get(5, TimeUnit.SECONDS);
        assertThat(pushed.poll(5, TimeUnit.SECONDS)).isEqualTo("flash");
        assertThat(fromClient.isDialed()).isTrue();
        assertThat(fromServer.isDialed()).isFalse();
    }

    @Test
    void sessionIdsFollowTheOriginalsRules() {
        Endpoint server = peers.endpoint();
        server.router().routeCall(new MathService());
        Session client = Peers.dial(peers.endpoint(), server);
        String seenByServer = client.callSync("/math/who_am_i", null, String.class);
        assertThat(seenByServer).isEqualTo(client.id()); // server's id = remote addr = client's local addr

        Session serverSide = server.session(seenByServer).orElseThrow();
        serverSide.setId("user-42");
        assertThat(server.session("user-42")).containsSame(serverSide);
        assertThat(server.session(seenByServer)).isEmpty();
        assertThat(client.callSync("/math/who_am_i", null, String.class)).isEqualTo("user-42");
    }

    @Test
    void handlerExceptionBecomes500AndSessionLivesOn() {
        Endpoint server = peers.endpoint();
        server.router().routeCall(new MathService());
        Session s = Peers.dial(peers.endpoint(), server);

        assertThatThrownBy(() -> s.callSync("/math/fail", new Args(7, 0), Integer.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.status().cause()).startsWith("internal error [error id ").doesNotContain("boom"); // no internals by default
                });
        assertThatThrownBy(() -> s.callSync("/math/refuse", new Args(1, 1), Integer.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(1001);
                    assertThat(e.status().msg()).isEqualTo("refused");
                    assertThat(e.status().cause()).isEqualTo("because");
                });
        assertThat(s.callSync("/math/add", new Args(2, 2), Integer.class)).isEqualTo(4);
    }

    @Test
    void unknownRouteGets404AndUnknownHandlerCatchesTheRest() {
        Endpoint server = peers.endpoint();
        Session s = Peers.dial(peers.endpoint(), server);
        assertThatThrownBy(() -> s.callSync("/nope", 1, Integer.class)).isInstanceOf(RouteNotFoundException.class);

        server.router().setUnknownCall((ctx, body) -> "unknown " + ctx.serviceMethod() + " " + ctx.decodeBody(Integer.class));
        assertThat(s.callSync("/nope", 5, String.class)).isEqualTo("unknown /nope 5");
    }

    @Test
    void callTimesOutAndFailsThePendingCall() {
        Endpoint server = peers.endpoint();
        CompletableFuture<Object> never = new CompletableFuture<>();
        server.router().routeCallFunc("/slow", String.class, (ctx, s) -> never);
        Session s = Peers.dial(peers.endpoint(), server);

        CompletableFuture<String> call = s.call("/slow", "x", String.class,
                io.dmicro.drpc.session.CallOptions.timeout(Duration.ofMillis(200)));
        assertThatThrownBy(call::join).hasCauseInstanceOf(io.dmicro.drpc.status.CallTimeoutException.class);
        assertThat(s.callsInFlight()).isZero();
        never.complete("late"); // a reply after the timeout is dropped without harm
    }

    @Test
    void peerClosingFailsPendingCallsWith102() {
        Endpoint server = peers.endpoint();
        CompletableFuture<Object> never = new CompletableFuture<>();
        server.router().routeCallFunc("/hang", String.class, (ctx, s) -> never);
        Session s = Peers.dial(peers.endpoint(), server);
        CompletableFuture<String> call = s.call("/hang", "x", String.class);
        Peers.await("call in flight", Duration.ofSeconds(5), () -> s.callsInFlight() == 1 && server.sessionCount() == 1);

        server.sessions().forEach(x -> ((io.dmicro.drpc.internal.DefaultSession) x).channel().close());

        assertThatThrownBy(call::join).hasCauseInstanceOf(ConnectionClosedException.class);
        s.closeFuture().join();
        assertThat(s.state().isClosed()).isTrue();
        assertThatThrownBy(() -> s.callSync("/hang", "y", String.class)).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void activeCloseLetsRunningHandlersReplyFirst() throws Exception {
        Endpoint server = peers.endpoint();
        CompletableFuture<Object> gate = new CompletableFuture<>();
        CompletableFuture<Void> entered = new CompletableFuture<>();
        server.router().routeCallFunc("/work", String.class, (ctx, x) -> {
            entered.complete(null);
            return gate.thenApply(v -> "done " + x);
        });
        Session client = Peers.dial(peers.endpoint(), server);
        CompletableFuture<String> call = client.call("/work", "a", String.class);
        entered.get(5, TimeUnit.SECONDS);
        Session serverSide = server.sessions().iterator().next();

        CompletableFuture<Void> closed = serverSide.close(Duration.ofSeconds(5));
        assertThat(closed).isNotDone();
        gate.complete("go");

        assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("done a");
        closed.get(5, TimeUnit.SECONDS);
        client.closeFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void handlersRunOffTheIoThreadsUnlessTheyAreMarkedNonBlocking() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/blocking", String.class, (ctx, s) -> Thread.currentThread().getName());
        server.router().routeCallFunc("/fast", String.class, (ctx, s) -> Thread.currentThread().getName(),
                io.dmicro.drpc.router.RouteOptions.nonBlockingRoute());
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(s.callSync("/blocking", "x", String.class)).doesNotStartWith("drpc-io");
        assertThat(s.callSync("/fast", "x", String.class)).startsWith("drpc-io");
    }

    @Test
    void listensOnIpv6Loopback() {
        Endpoint server = peers.endpoint();
        server.router().routeCall(new MathService());
        var bound = (java.net.InetSocketAddress) server.listen("tcp6://[::1]:0");
        assertThat(bound.getPort()).isPositive();
        Session s = peers.endpoint().dial("[::1]:" + bound.getPort());
        assertThat(s.callSync("/math/add", new Args(3, 4), Integer.class)).isEqualTo(7);
    }
}
