package io.dmicro.drpc.plugin.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.FaultProxy;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On its own scheduler, the pong side closes a half-open peer just after twice its rate, not a tick later. */
class HalfOpenBoundIntegrationTest {

    private static final Duration RATE = Duration.ofSeconds(1);

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void aPeerThatFellSilentIsClosedWithinAFewHundredMillisecondsOfTwiceItsRate() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(new HeartbeatPong()).build());
        String address = Peers.listen(server);
        try (FaultProxy proxy = FaultProxy.start(FaultProxy.loopback(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))))) {
            peers.endpoint(EndpointConfig.builder().plugins(new HeartbeatPing(RATE, HeartbeatPing.Mode.PUSH)).build()).dial(proxy.address());
            Peers.await("server session", Duration.ofSeconds(10), () -> server.sessionCount() == 1);
            Session serverSide = server.sessions().iterator().next();
            Peers.await("a ping announced the rate", Duration.ofSeconds(10), () -> {
                Object s = serverSide.attributes().get(HeartbeatState.ATTRIBUTE);
                return s instanceof HeartbeatState h && h.peerRateMillis > 0;
            });

            proxy.stall(); // half-open: nothing arrives, no FIN, no RST
            serverSide.closeFuture().get(10, TimeUnit.SECONDS);
            long closedAt = System.currentTimeMillis();
            long silent = closedAt - ((HeartbeatState) serverSide.attributes().get(HeartbeatState.ATTRIBUTE)).lastReadMillis;
            // the bound is twice the rate; the old fixed 1 s tick overshot it by up to a second
            assertThat(silent).isBetween(2 * RATE.toMillis(), 2 * RATE.toMillis() + 400);
        }
    }
}
