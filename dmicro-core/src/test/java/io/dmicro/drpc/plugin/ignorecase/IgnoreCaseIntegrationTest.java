package io.dmicro.drpc.plugin.ignorecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.RouteNotFoundException;
import io.dmicro.drpc.testing.Peers;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IgnoreCaseIntegrationTest {

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void callsAndPushesFindRoutesWhateverTheCase() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(new IgnoreCase()).build());
        BlockingQueue<String> pushed = new LinkedBlockingQueue<>();
        server.router().routeCallFunc("/math/add_one", Integer.class, (ctx, v) -> v + 1);
        server.router().routePushFunc("/news/flash", String.class, (PushContext ctx, String v) -> pushed.add(ctx.serviceMethod() + " " + v));
        Session s = Peers.dial(peers.endpoint(), server);

        assertThat(s.callSync("/Math/ADD_one", 41, Integer.class)).isEqualTo(42);
        s.push("/NEWS/Flash", "hi").get(10, TimeUnit.SECONDS);
        assertThat(pushed.poll(10, TimeUnit.SECONDS)).isEqualTo("/news/flash hi");
    }

    @Test
    void withoutThePluginCaseMatters() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/math/add_one", Integer.class, (ctx, v) -> v + 1);
        Session s = Peers.dial(peers.endpoint(), server);

        assertThatThrownBy(() -> s.callSync("/Math/ADD_one", 41, Integer.class)).isInstanceOf(RouteNotFoundException.class);
    }
}
