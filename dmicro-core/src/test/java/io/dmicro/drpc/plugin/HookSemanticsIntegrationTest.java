package io.dmicro.drpc.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.AfterNewEndpoint;
import io.dmicro.drpc.BeforeNewEndpoint;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.router.AfterRegRouter;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first non-OK result stops a hook's chain with the effect of reference §2.2, and plugins run in container order. */
class HookSemanticsIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Status STOP = Status.of(1234, "stopped by plugin", "test");

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static Endpoint withEcho(Endpoint server, AtomicInteger handled) {
        server.router().routeCallFunc("/svc/echo", String.class, (ctx, s) -> {
            handled.incrementAndGet();
            return "echo " + s;
        });
        server.router().routeCallFunc("/svc/other", String.class, (ctx, s) -> "other " + s);
        return server;
    }

    private static DrpcException failure(Session s, String route) {
        try {
            s.callSync(route, "x", String.class);
        } catch (DrpcException e) {
            return e;
        }
        throw new AssertionError("call to " + route + " succeeded");
    }

    @Test
    void beforeWriteCallNonOkAbortsTheCallWithThatStatusAndSendsNothing() {
        AtomicInteger handled = new AtomicInteger();
        RecordingPlugin serverRec = new RecordingPlugin("serverRecorder");
        Endpoint server = withEcho(peers.endpoint(EndpointConfig.builder().plugins(serverRec).build()), handled);
        BeforeWriteCall veto = ctx -> ctx.output().serviceMethod().equals("/svc/echo") ? STOP : Status.OK;
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(veto).build()), server);

        assertThat(failure(s, "/svc/echo").status()).isEqualTo(STOP);
        assertThat(s.callSync("/svc/other", "y", String.class)).isEqualTo("other y");
        // the connection keeps order: had the vetoed call been sent, it would have arrived first
        assertThat(serverRec.count("AfterReadCallHeader")).isEqualTo(1);
        assertThat(handled).hasValue(0);
    }

    @Test
    void afterReadCallHeaderNonOkIsTheReplyAndTheHandlerIsSkipped() {
        AtomicInteger handled = new AtomicInteger();
        AfterReadCallHeader refuse = ctx -> STOP;
        Endpoint server = withEcho(peers.endpoint(EndpointConfig.builder().plugins(refuse).build()), handled);
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(failure(s, "/svc/echo").status()).isEqualTo(STOP);
        assertThat(handled).hasValue(0);
    }

    @Test
    void firstNonOkStopsTheChainSoLaterPluginsDoNotRun() {
        AtomicInteger later = new AtomicInteger();
        Plugin first = named("first", (AfterReadCallHeader) ctx -> STOP);
        Plugin second = named("second", (AfterReadCallHeader) ctx -> {
            later.incrementAndGet();
            return Status.OK;
        });
        Endpoint server = withEcho(peers.endpoint(EndpointConfig.builder().plugins(first, second).build()), new AtomicInteger());
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(failure(s, "/svc/echo").status()).isEqualTo(STOP);
        assertThat(later).hasValue(0);
    }

    @Test
    void bodyHooksNonOkReplyWithThatStatus() {
        AtomicInteger handled = new AtomicInteger();
        BeforeReadCallBody before = ctx -> ctx.input().serviceMethod().equals("/svc/echo") ? STOP : Status.OK;
        AfterReadCallBody after = ctx -> "bad".equals(ctx.body()) ? Status.of(1300, "bad body") : Status.OK;
        Endpoint server = withEcho(peers.endpoint(EndpointConfig.builder().plugins(named("before", before), named("after", after)).build()), handled);
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(failure(s, "/svc/echo").status()).isEqualTo(STOP);
        assertThatThrownBy(() -> s.callSync("/svc/other", "bad", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(1300));
        assertThat(handled).hasValue(0);
    }

    @Test
    void beforeWriteReplyNonOkIsLoggedAndTheReplyIsStillWritten() {
        BeforeWriteReply complain = ctx -> STOP;
        Endpoint server = withEcho(peers.endpoint(EndpointConfig.builder().plugins(complain).build()), new AtomicInteger());
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(s.callSync("/svc/echo", "z", String.class)).isEqualTo("echo z");
    }

    @Test
    void afterWriteHooksNonOkAreOnlyLogged() {
        AfterWriteCall call = ctx -> STOP;
        AfterWriteReply reply = ctx -> STOP;
        Endpoint server = withEcho(peers.endpoint(EndpointConfig.builder().plugins(reply).build()), new AtomicInteger());
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(call).build()), server);

        assertThat(s.callSync("/svc/echo", "w", String.class)).isEqualTo("echo w");
    }

    @Test
    void aFailingNoticeHookKeepsNoOtherPluginFromHearingIt() throws Exception {
        CountDownLatch heard = new CountDownLatch(2);
        AfterWriteReply throwing = ctx -> {
            heard.countDown();
            throw new IllegalStateException("broken plugin");
        };
        AfterWriteReply refusing = ctx -> STOP;
        AfterWriteReply listening = ctx -> {
            heard.countDown();
            return Status.OK;
        };
        Endpoint server = withEcho(peers.endpoint(EndpointConfig.builder().plugins(throwing, refusing, listening).build()),
                new AtomicInteger());
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(s.callSync("/svc/echo", "n", String.class)).isEqualTo("echo n");
        assertThat(heard.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("the plugin after the failing ones ran").isTrue();
    }

    @Test
    void aThrowingCheckHookRefusesWithA500NamingThePlugin() {
        Endpoint server = withEcho(peers.endpoint(), new AtomicInteger());
        BeforeWriteCall throwing = new BeforeWriteCall() {
            @Override
            public String name() {
                return "exploding";
            }

            @Override
            public Status beforeWriteCall(WriteContext ctx) {
                throw new IllegalStateException("boom");
            }
        };
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(throwing).build()), server);

        DrpcException e = failure(s, "/svc/echo");
        assertThat(e.code()).isEqualTo(Status.INTERNAL_SERVER_ERROR);
        assertThat(e.status().cause()).contains("BeforeWriteCall of plugin exploding threw").contains("boom");
    }

    @Test
    void replyHooksNonOkAreWhatTheCallerSees() {
        Endpoint server = withEcho(peers.endpoint(), new AtomicInteger());
        AfterReadReplyHeader header = ctx -> ctx.input().serviceMethod().equals("/svc/echo") ? STOP : Status.OK;
        AfterReadReplyBody body = ctx -> "other b".equals(ctx.body()) ? Status.of(1400, "body refused") : Status.OK;
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(named("h", header), named("b", body)).build()), server);

        assertThat(failure(s, "/svc/echo").status()).isEqualTo(STOP);
        assertThatThrownBy(() -> s.callSync("/svc/other", "b", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(1400));
        assertThat(s.callSync("/svc/other", "c", String.class)).isEqualTo("other c");
    }

    @Test
    void pushHooksNonOkAbortOrDropThePush() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        AfterReadPushHeader dropHeader = ctx -> ctx.input().serviceMethod().equals("/news/header") ? STOP : Status.OK;
        AfterReadPushBody dropBody = ctx -> "drop".equals(ctx.body()) ? STOP : Status.OK;
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(named("h", dropHeader), named("b", dropBody)).build());
        server.router().routePushFunc("/news/header", String.class, (PushContext ctx, String v) -> got.add("header " + v));
        server.router().routePushFunc("/news/body", String.class, (PushContext ctx, String v) -> got.add("body " + v));
        BeforeWritePush veto = ctx -> ctx.output().serviceMethod().equals("/news/vetoed") ? STOP : Status.OK;
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(veto).build()), server);

        assertThatThrownBy(() -> s.push("/news/vetoed", "v").get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DrpcException.class).cause().hasMessageContaining("1234");
        s.push("/news/header", "1").get(10, TimeUnit.SECONDS);
        s.push("/news/body", "drop").get(10, TimeUnit.SECONDS);
        s.push("/news/body", "keep").get(10, TimeUnit.SECONDS);
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("body keep");
        assertThat(got).isEmpty();
    }

    @Test
    void afterDialNonOkFailsTheDialAndAfterAcceptNonOkClosesTheSession() {
        Endpoint server = withEcho(peers.endpoint(), new AtomicInteger());
        AfterDial refuseDial = (session, redial) -> STOP;
        Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(refuseDial).build());
        assertThatThrownBy(() -> Peers.dial(client, server))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.DIAL_FAILED);
                    assertThat(e).hasMessageContaining("stopped by plugin");
                });

        AfterAccept refuseAccept = session -> STOP;
        Endpoint guarded = withEcho(peers.endpoint(EndpointConfig.builder().plugins(refuseAccept).build()), new AtomicInteger());
        DrpcException refused = Peers.dialRefused(peers.endpoint(), guarded, BOUND);
        if (refused != null) { // the refusal came before the dial returned
            assertThat(refused.code()).isEqualTo(Status.DIAL_FAILED);
            assertThat(refused).hasMessageContaining("stopped by plugin");
        }
        assertThat(guarded.sessionCount()).isZero();
    }

    @Test
    void beforeReadHeaderNonOkClosesTheSession() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        BeforeReadHeader oneMessageOnly = session -> seen.incrementAndGet() >= 2 ? STOP : Status.OK;
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(oneMessageOnly).build());
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        server.router().routePushFunc("/news/one", String.class, (PushContext ctx, String v) -> got.add(v));
        Session s = Peers.dial(peers.endpoint(), server);

        s.push("/news/one", "first").get(10, TimeUnit.SECONDS);
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
        Peers.await("session closed after its first message", BOUND, () -> s.state().isClosed());
        assertThat(seen).hasValue(2); // ready for the first message, then refused the next
    }

    @Test
    void globalPluginsRunLeftMiddleRightAndRoutePluginsJoinTheMiddle() {
        List<String> order = new CopyOnWriteArrayList<>();
        Endpoint server = peers.endpoint(EndpointConfig.builder()
                .plugins(tracer("L1", order), tracer("L2", order)).build());
        server.plugins().appendRight(tracer("R1", order));
        server.plugins().appendLeft(tracer("L0", order));
        server.router().routeCallFunc("/fn/a", String.class, (ctx, v) -> v, RouteOptions.withPlugins(tracer("M-fn", order)));
        server.router().subRoute("/grp", tracer("M-sub", order)).routeCallFunc("b", String.class, (ctx, v) -> v);
        server.router().routeCall(new Things(), tracer("M-obj", order));
        server.plugins().appendRight(tracer("R2", order)); // reaches routes registered before
        Session s = Peers.dial(peers.endpoint(), server);

        for (String[] expect : new String[][] {
                {"/fn/a", "M-fn"}, {"/grp/b", "M-sub"}, {"/things/get", "M-obj"}}) {
            order.clear();
            s.callSync(expect[0], "v", String.class);
            assertThat(order).as(expect[0]).containsExactly(
                    "header L0", "header L1", "header L2", "header R1", "header R2",
                    "body L0", "body L1", "body L2", "body " + expect[1], "body R1", "body R2");
        }
    }

    @Test
    void containerRejectsNullAndDuplicatePluginsNamingThem() {
        PluginContainer c = new PluginContainer();
        c.appendRight(named("alpha", (AfterWriteCall) ctx -> Status.OK));
        assertThatThrownBy(() -> c.appendLeft(named("alpha", (AfterWriteCall) ctx -> Status.OK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> c.newChild(List.of(named("alpha", (AfterWriteCall) ctx -> Status.OK))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> c.appendRight((Plugin) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("plugin");
        assertThatThrownBy(() -> EndpointConfig.builder().plugins((Plugin) null)).isInstanceOf(NullPointerException.class);
        assertThat(c.all()).extracting(Plugin::name).containsExactly("alpha");
    }

    @Test
    void registrationTimeHookFailuresThrowInsteadOfEndingTheProcess() {
        BeforeNewEndpoint badConfig = (config, plugins) -> {
            throw new IllegalStateException("before new endpoint");
        };
        assertThatThrownBy(() -> Endpoint.create(EndpointConfig.builder().plugins(badConfig).build()))
                .hasMessageContaining("before new endpoint");
        AfterNewEndpoint badStart = endpoint -> {
            throw new IllegalStateException("after new endpoint");
        };
        assertThatThrownBy(() -> Endpoint.create(EndpointConfig.builder().plugins(badStart).build()))
                .hasMessageContaining("after new endpoint");

        AfterRegRouter badRoute = route -> {
            if (route.name().equals("/bad")) {
                throw new IllegalArgumentException("route refused: " + route.name());
            }
        };
        AfterListen badListen = address -> {
            throw new IllegalStateException("listen refused");
        };
        Endpoint e = peers.endpoint(EndpointConfig.builder().plugins(named("route", badRoute), named("listen", badListen)).build());
        assertThatThrownBy(() -> e.router().routeCallFunc("/bad", String.class, (ctx, v) -> v)).hasMessageContaining("route refused: /bad");
        assertThat(e.router().lookup("/bad")).isNull();
        assertThatThrownBy(() -> e.listen("tcp://127.0.0.1:0")).hasMessageContaining("listen refused");
        assertThat(e.listenAddresses()).isEmpty();
    }

    /** A service whose one route is {@code /things/get}. */
    public static class Things {
        public String get(String v) {
            return v;
        }
    }

    private static Plugin tracer(String name, List<String> order) {
        return new Tracer(name, order);
    }

    /** Records its name at a global hook (call header) and a route-scoped one (call body). */
    private record Tracer(String name, List<String> order) implements AfterReadCallHeader, BeforeReadCallBody {
        @Override
        public Status afterReadCallHeader(ReadContext ctx) {
            order.add("header " + name);
            return Status.OK;
        }

        @Override
        public Status beforeReadCallBody(ReadContext ctx) {
            order.add("body " + name);
            return Status.OK;
        }
    }

    /** Gives a lambda hook a name, so that several can share a container. */
    @SuppressWarnings("unchecked")
    static <P extends Plugin> P named(String name, P plugin) {
        Class<?>[] hooks = plugin.getClass().getInterfaces();
        return (P) java.lang.reflect.Proxy.newProxyInstance(HookSemanticsIntegrationTest.class.getClassLoader(), hooks,
                (proxy, method, args) -> {
                    if (method.getName().equals("name") && method.getParameterCount() == 0) {
                        return name;
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    try {
                        return method.invoke(plugin, args);
                    } catch (java.lang.reflect.InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
    }
}
