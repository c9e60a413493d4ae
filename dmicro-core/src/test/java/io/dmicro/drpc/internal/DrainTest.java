package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A drain ends when the work does, or at its bound. */
class DrainTest {

    private final ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Drain drain = new Drain(() -> inFlight.get() == 0);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void endsAtOnceWhenNothingIsInFlight() {
        assertThat(drain.start(Duration.ofSeconds(10), timer).getNow(null)).isTrue();
    }

    @Test
    void endsWhenTheLastWorkFinishesNotAtTheBound() {
        inFlight.set(2);
        CompletableFuture<Boolean> done = drain.start(Duration.ofSeconds(10), timer);
        inFlight.decrementAndGet();
        drain.check();
        assertThat(done).isNotDone();
        inFlight.decrementAndGet();
        drain.check();
        assertThat(done.getNow(null)).isTrue();
        assertThat(drain.start(Duration.ofSeconds(10), timer)).isSameAs(done);
    }

    @Test
    void endsAtTheBoundWhenWorkIsStuck() throws Exception {
        inFlight.set(1);
        assertThat(drain.start(Duration.ofMillis(20), timer).get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void checkBeforeStartDoesNothing() {
        drain.check();
        assertThat(drain.started()).isFalse();
    }
}
