package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A session's age limit on an embedded channel, whose clock moves only when the test says. */
class SessionAgeTimerTest {

    private final EmbeddedChannel ch = FrozenTime.channel();

    private void advance(Duration d) {
        FrozenTime.advance(ch, d);
    }

    @Test
    void closesTheConnectionAtItsAge() {
        SessionAgeTimer timer = new SessionAgeTimer(Duration.ofSeconds(1));
        timer.arm(ch, () -> "s1");
        advance(Duration.ofMillis(999));
        assertThat(ch.isOpen()).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aZeroAgeIsNoLimit() {
        SessionAgeTimer timer = new SessionAgeTimer(Duration.ZERO);
        timer.arm(ch, () -> "s1");
        advance(Duration.ofDays(1));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void changingTheAgeRestartsTheClockFromNow() {
        SessionAgeTimer timer = new SessionAgeTimer(Duration.ofSeconds(1));
        timer.arm(ch, () -> "s1");
        advance(Duration.ofMillis(600));
        timer.set(Duration.ofSeconds(1), ch, () -> "s1");
        advance(Duration.ofMillis(600));
        assertThat(ch.isOpen()).isTrue();
        advance(Duration.ofMillis(400));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aNegativeAgeMeansNoneAndStopsTheRunningClock() {
        SessionAgeTimer timer = new SessionAgeTimer(Duration.ofSeconds(1));
        timer.arm(ch, () -> "s1");
        timer.set(Duration.ofSeconds(-5), ch, () -> "s1");
        assertThat(timer.age()).isEqualTo(Duration.ZERO);
        advance(Duration.ofSeconds(2));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void aCancelledClockNeverCloses() {
        SessionAgeTimer timer = new SessionAgeTimer(Duration.ofSeconds(1));
        timer.arm(ch, () -> "s1");
        timer.cancel();
        advance(Duration.ofSeconds(2));
        assertThat(ch.isOpen()).isTrue();
    }
}
