package io.dmicro.drpc.plugin.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** client → gateway (proxy plugin) → backend, over real sockets. */
class ProxyPluginIntegrationTest {

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    public record Args(int a, int b) {
    }

    @Test
    void unknownCallsAndPushesAreForwardedWithMetaRealIpAndReplyMeta() throws Exception {
        Endpoint backend = peers.endpoint();
        BlockingQueue<String> pushed = new LinkedBlockingQueue<>();
        backend.router().routeCallFunc("/math/add", Args.class, (ctx, args) -> {
            ctx.replyMeta().set("X-Served-By", "backend");
            return args.a() + args.b() + " from " + ctx.meta().get("X-Trace") + " for " + ctx.meta().get(Meta.REAL_IP);
        });
        backend.router().routePushFunc("/news/flash", String.class, (PushContext ctx, String v) -> pushed.add(v + " " + ctx.realIp()));
        Endpoint gatewayDialer = peers.endpoint();
        Session upstream = Peers.dial(gatewayDialer, backend);
        AtomicReference<ProxyLabel> label = new AtomicReference<>();
        Endpoint gateway = peers.endpoint(EndpointConfig.builder().plugins(ProxyPlugin.to(l -> {
            label.set(l);
            return Forwarder.of(upstream);
        })).build());
        Session client = Peers.dial(peers.endpoint(), gateway);

        Reply<String> reply = Session.await(client.callForReply("/math/add", new Args(2, 3), String.class,
                CallOptions.DEFAULT.withMeta("X-Trace", "t-1")));
        String clientAddress = client.id(); // the gateway's view of the client: the client's local address
        assertThat(reply.body()).isEqualTo("5 from t-1 for " + clientAddress);
        assertThat(reply.meta().get("X-Served-By")).isEqualTo("backend");
        assertThat(label.get().serviceMethod()).isEqualTo("/math/add");
        assertThat(label.get().realIp()).isEqualTo(clientAddress);

        client.push("/news/flash", "hot").get(10, TimeUnit.SECONDS);
        assertThat(pushed.poll(10, TimeUnit.SECONDS)).isEqualTo("hot " + clientAddress);
    }

    @Test
    void errorsFromTheBackendPassThroughAndConnectionFailuresBecome502() throws Exception {
        Endpoint backend = peers.endpoint();
        backend.router().routeCallFunc("/svc/refuse", String.class, (ctx, v) -> {
            throw new DrpcException(Status.of(1007, "refused by backend"));
        });
        Session upstream = Peers.dial(peers.endpoint(), backend);
        Endpoint gateway = peers.endpoint(EndpointConfig.builder().plugins(ProxyPlugin.callsTo(l -> Forwarder.of(upstream))).build());
        Session client = Peers.dial(peers.endpoint(), gateway);

        assertThatThrownBy(() -> client.callSync("/svc/refuse", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(1007));
        assertThatThrownBy(() -> client.callSync("/svc/missing", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.NOT_FOUND));

        upstream.close(Duration.ZERO).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> client.callSync("/svc/refuse", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.BAD_GATEWAY);
                    assertThat(e.status().cause()).contains("/svc/refuse");
                });
    }

    @Test
    void noForwarderMeans404() {
        Endpoint gateway = peers.endpoint(EndpointConfig.builder().plugins(ProxyPlugin.to(l -> null)).build());
        Session client = Peers.dial(peers.endpoint(), gateway);

        assertThatThrownBy(() -> client.callSync("/nowhere", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> assertThat(e.code()).isEqualTo(Status.NOT_FOUND));
    }
}
