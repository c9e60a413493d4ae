package io.dmicro.drpc.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.status.CallTimeoutException;
import io.dmicro.drpc.testing.Peers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How late a call timeout fires: never early, and within the sweep interval the README states. */
class CallTimeoutBoundIntegrationTest {

    private final Peers peers = new Peers();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() {
        never.countDown();
        peers.close();
    }

    @Test
    void aTimeoutFiresNeverEarlyAndAtMostAboutTenMillisecondsLate() throws Exception {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/svc/hang", String.class, (ctx, v) -> {
            never.await(10, TimeUnit.SECONDS);
            return v;
        });
        Session s = Peers.dial(peers.endpoint(), server);
        Duration timeout = Duration.ofMillis(200);

        List<Long> lateness = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            CompletableFuture<Long> failedAt = s.call("/svc/hang", "x", String.class, CallOptions.timeout(timeout))
                    .handle((v, e) -> {
                        assertThat(e).isInstanceOf(CallTimeoutException.class);
                        return System.nanoTime();
                    });
            long late = TimeUnit.NANOSECONDS.toMillis(failedAt.get(5, TimeUnit.SECONDS) - start) - timeout.toMillis();
            assertThat(late).as("fired early").isGreaterThanOrEqualTo(0);
            lateness.add(late);
        }
        Collections.sort(lateness);
        // the README's bound is one 10 ms sweep interval plus the I/O thread's own delay: the median
        // allows a few ms of scheduling, the worst a busy shared machine
        assertThat(lateness.get(lateness.size() / 2)).as("median lateness of %s", lateness).isLessThanOrEqualTo(15);
        assertThat(lateness.get(lateness.size() - 1)).as("worst lateness of %s", lateness).isLessThan(150);
    }
}
