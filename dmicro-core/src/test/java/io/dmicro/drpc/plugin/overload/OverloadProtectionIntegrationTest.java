package io.dmicro.drpc.plugin.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.ManualClock;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Overload limits over real sockets; rates measured on a manual clock. */
class OverloadProtectionIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();
    private final ManualClock clock = new ManualClock();

    @AfterEach
    void close() {
        peers.close();
    }

    private Endpoint server(OverloadProtection overload) {
        Endpoint server = peers.endpoint(EndpointConfig.builder().plugins(overload).build());
        server.router().routeCallFunc("/svc/a", String.class, (ctx, v) -> "a " + v);
        server.router().routeCallFunc("/svc/b", String.class, (ctx, v) -> "b " + v);
        return server;
    }

    private static int code(Session s, String route) {
        try {
            s.callSync(route, "x", String.class);
            return 0;
        } catch (DrpcException e) {
            return e.code();
        }
    }

    @Test
    void totalRateRefusesWith429AtOnceAndRefillsWithTime() {
        OverloadProtection overload = new OverloadProtection(OverloadLimits.NONE.withMaxTotalRate(2), clock::nanoTime);
        Session s = Peers.dial(peers.endpoint(), server(overload));

        assertThat(code(s, "/svc/a")).isZero();
        assertThat(code(s, "/svc/b")).isZero();
        assertThatThrownBy(() -> s.callSync("/svc/a", "x", String.class))
                .isInstanceOfSatisfying(DrpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.TOO_MANY_REQUESTS);
                    assertThat(e.status().cause()).isEqualTo("request rate overload, total_limit=2/s");
                });
        clock.advance(Duration.ofMillis(500)); // one token back at 2 per second
        assertThat(code(s, "/svc/a")).isZero();
        assertThat(code(s, "/svc/a")).isEqualTo(Status.TOO_MANY_REQUESTS);
    }

    @Test
    void routeRateLimitsOnlyThatRoute() {
        OverloadProtection overload = new OverloadProtection(OverloadLimits.NONE.withMaxRouteRate("/svc/a", 1), clock::nanoTime);
        Session s = Peers.dial(peers.endpoint(), server(overload));

        assertThat(code(s, "/svc/a")).isZero();
        assertThat(code(s, "/svc/a")).isEqualTo(Status.TOO_MANY_REQUESTS);
        for (int i = 0; i < 5; i++) {
            assertThat(code(s, "/svc/b")).isZero();
        }
    }

    @Test
    void callsInFlightOverTheLimitAreRefusedWhileAdmittedOnesAreServed() throws Exception {
        OverloadProtection overload = new OverloadProtection(OverloadLimits.NONE.withMaxCallsInFlightPerSession(1), clock::nanoTime);
        Endpoint server = server(overload);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.router().routeCallFunc("/svc/slow", String.class, (ctx, v) -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "slow " + v;
        });
        Session s = Peers.dial(peers.endpoint(), server);

        CompletableFuture<String> admitted = s.call("/svc/slow", "1", String.class);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(code(s, "/svc/a")).isEqualTo(Status.TOO_MANY_REQUESTS);
        release.countDown();
        assertThat(admitted.get(10, TimeUnit.SECONDS)).isEqualTo("slow 1");
        Peers.await("handler finished", BOUND, () -> server.sessions().iterator().next().handlersInFlight() == 0);
        assertThat(code(s, "/svc/a")).isZero();
    }

    @Test
    void connectionsOverTheLimitAreClosedAndSlotsComeBackOnDisconnect() throws Exception {
        OverloadProtection overload = new OverloadProtection(OverloadLimits.NONE.withMaxConnections(1), clock::nanoTime);
        Endpoint server = server(overload);
        Session first = Peers.dial(peers.endpoint(), server);
        assertThat(code(first, "/svc/a")).isZero();

        DrpcException refused = Peers.dialRefused(peers.endpoint(), server, BOUND);
        if (refused != null) { // the refusal came before the dial returned
            assertThat(refused.code()).isEqualTo(Status.DIAL_FAILED);
            assertThat(refused).hasMessageContaining("503").hasMessageContaining("connection overload, limit=1, now=1");
        }
        assertThat(overload.connections()).isEqualTo(1);

        first.close().get(10, TimeUnit.SECONDS);
        Peers.await("slot released", BOUND, () -> overload.connections() == 0);
        Session third = Peers.dial(peers.endpoint(), server);
        assertThat(code(third, "/svc/a")).isZero();
    }

    @Test
    void limitsChangeAtRunTime() {
        OverloadProtection overload = new OverloadProtection(OverloadLimits.NONE.withMaxTotalRate(1), clock::nanoTime);
        Session s = Peers.dial(peers.endpoint(), server(overload));
        assertThat(code(s, "/svc/a")).isZero();
        assertThat(code(s, "/svc/a")).isEqualTo(Status.TOO_MANY_REQUESTS);

        overload.update(OverloadLimits.NONE.withMaxTotalRate(100));
        for (int i = 0; i < 10; i++) {
            assertThat(code(s, "/svc/a")).isZero();
        }
        overload.update(OverloadLimits.NONE);
        assertThat(overload.limits()).isEqualTo(OverloadLimits.NONE);
    }
}
