package io.dmicro.drpc.plugin.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.AfterReadReplyHeader;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.FaultProxy;
import io.dmicro.drpc.testing.ManualClock;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heartbeats over real sockets, with time driven by a manual clock and ticks called by the test. */
class HeartbeatIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Duration RATE = Duration.ofSeconds(5);

    private final Peers peers = new Peers();
    private final ManualClock clock = new ManualClock();

    @AfterEach
    void close() {
        peers.close();
    }

    /** Counts heartbeat replies (CALL mode) or pushes (PUSH mode) seen by one endpoint. */
    private static final class BeatCounter implements AfterReadReplyHeader, AfterReadPushHeader {
        final AtomicInteger seen = new AtomicInteger();

        @Override
        public Status afterReadReplyHeader(io.dmicro.drpc.plugin.ReadContext ctx) {
            if (ctx.input().serviceMethod().equals(Heartbeat.ROUTE)) {
                seen.incrementAndGet();
            }
            return Status.OK;
        }

        @Override
        public Status afterReadPushHeader(io.dmicro.drpc.plugin.ReadContext ctx) {
            if (ctx.input().serviceMethod().equals(Heartbeat.ROUTE)) {
                seen.incrementAndGet();
            }
            return Status.OK;
        }
    }

    @Test
    void callPingKeepsAHealthyConnectionAndFindsAHalfOpenOneWithinTwiceTheRate() throws Exception {
        HeartbeatPong pong = new HeartbeatPong(clock, false);
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(pong).build());
        Peers.listen(server);
        HeartbeatPing ping = new HeartbeatPing(RATE, HeartbeatPing.Mode.CALL, clock, false);
        BeatCounter replies = new BeatCounter();
        Endpoint client = peers.endpoint(EndpointConfig.builder().plugins(ping, replies).build());
        try (FaultProxy proxy = FaultProxy.start(server.listenAddresses().get(0))) {
            Session session = client.dial(proxy.address());
            Peers.await("server session", BOUND, () -> server.sessionCount() == 1);
            Session serverSide = server.sessions().iterator().next();

            for (int round = 1; round <= 3; round++) {
                clock.advance(RATE);
                int expected = round;
                Peers.await("heartbeat reply " + round, BOUND, () -> {
                    ping.tick(); // sends once the previous ping has settled; never twice for one advance
                    return replies.seen.get() >= expected;
                });
                assertThat(replies.seen.get()).isEqualTo(expected);
                pong.tick();
            }
            assertThat(session.state()).isEqualTo(SessionState.OK);
            assertThat(serverSide.state()).isEqualTo(SessionState.OK);

            Peers.await("last ping settled", BOUND, () -> !ping.pingInFlight(session));
            proxy.stall(); // the peer is gone, but no FIN and no RST arrive: half-open
            clock.advance(RATE);
            ping.tick(); // a ping goes out and is never answered
            pong.tick();
            assertThat(session.state()).isEqualTo(SessionState.OK); // one rate of silence is tolerated
            assertThat(serverSide.state()).isEqualTo(SessionState.OK);
            clock.advance(RATE.plusMillis(1));
            ping.tick();
            pong.tick();
            session.closeFuture().get(10, TimeUnit.SECONDS);
            serverSide.closeFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void eitherSideMayPingAndThePongSideClosesAPeerThatFellSilent() throws Exception {
        HeartbeatPing ping = new HeartbeatPing(RATE, HeartbeatPing.Mode.PUSH, clock, false);
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(ping).build());
        HeartbeatPong pong = new HeartbeatPong(clock, false);
        BeatCounter pushes = new BeatCounter();
        Session session = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(pong, pushes).build()), server);
        Peers.await("server session", BOUND, () -> server.sessionCount() == 1);
        Session serverSide = server.sessions().iterator().next();

        for (int round = 1; round <= 3; round++) {
            clock.advance(RATE);
            int expected = round;
            // tick until the push is seen (a tick with nothing due or a ping in flight sends nothing,
            // so this never overshoots)
            Peers.await("heartbeat push " + round, BOUND, () -> {
                ping.tick();
                return pushes.seen.get() >= expected;
            });
            assertThat(pushes.seen.get()).isEqualTo(expected);
            // the client may read the push before the server's write listener stamps the write time;
            // advancing the clock in between would stamp the future and the next ping would never be due
            Peers.await("push " + round + " settled", BOUND, () -> !ping.pingInFlight(serverSide));
            pong.tick();
            assertThat(session.state()).isEqualTo(SessionState.OK);
        }
        clock.advance(RATE.multipliedBy(2)); // exactly twice the rate: still tolerated
        pong.tick();
        assertThat(session.state()).isEqualTo(SessionState.OK);
        clock.advance(Duration.ofMillis(1));
        pong.tick();
        session.closeFuture().get(10, TimeUnit.SECONDS);
        Peers.await("server saw the close", BOUND, () -> server.sessionCount() == 0);
    }

    @Test
    void bothSidesPingingEachOtherStayConnected() {
        HeartbeatPing serverPing = new HeartbeatPing(RATE, HeartbeatPing.Mode.CALL, clock, false);
        HeartbeatPing clientPing = new HeartbeatPing(Duration.ofSeconds(3), HeartbeatPing.Mode.CALL, clock, false);
        BeatCounter serverSeen = new BeatCounter();
        BeatCounter clientSeen = new BeatCounter();
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(serverPing, serverSeen).build());
        Session session = Peers.dial(peers.endpoint(EndpointConfig.builder().plugins(clientPing, clientSeen).build()), server);
        Peers.await("server session", BOUND, () -> server.sessionCount() == 1);

        for (int round = 1; round <= 4; round++) {
            clock.advance(RATE);
            int expected = round;
            Peers.await("client ping answered", BOUND, () -> {
                clientPing.tick();
                return clientSeen.seen.get() >= expected;
            });
            assertThat(clientSeen.seen.get()).isEqualTo(expected);
            serverPing.tick(); // the client's ping just refreshed this side's reads: nothing closed
        }
        assertThat(session.state()).isEqualTo(SessionState.OK);
        assertThat(server.sessions()).allMatch(s -> s.state() == SessionState.OK);
    }

    @Test
    void firstPingWithAnInvalidRateIsRefusedWith400() {
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(new HeartbeatPong(clock, false)).build());
        Session session = Peers.dial(peers.endpoint(), server);

        assertThatThrownBy(() -> Session.await(session.call(Heartbeat.ROUTE, null, byte[].class,
                CallOptions.DEFAULT.withMeta(Heartbeat.RATE_META, "soon"))))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.BAD_MESSAGE);
                    assertThat(e.status().cause()).contains("invalid heartbeat rate: soon");
                });
        byte[] answer = Session.await(session.call(Heartbeat.ROUTE, null, byte[].class,
                CallOptions.DEFAULT.withMeta(Heartbeat.RATE_META, "7")));
        assertThat(answer).isEmpty();
    }

    @Test
    void rateBelowTheMinimumIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> new HeartbeatPing(Duration.ofMillis(500), HeartbeatPing.Mode.CALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.5S");
    }

    @Test
    void rateTravelsAsWholeSecondsRoundedUp() {
        assertThat(Heartbeat.formatRate(Duration.ofMillis(1500))).isEqualTo("2");
        assertThat(Heartbeat.parseRateMillis("3")).isEqualTo(3000);
        assertThat(Heartbeat.parseRateMillis("")).isZero();
        assertThat(Heartbeat.parseRateMillis("x")).isEqualTo(-1);
    }
}
