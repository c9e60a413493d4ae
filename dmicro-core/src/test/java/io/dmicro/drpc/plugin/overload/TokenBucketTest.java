package io.dmicro.drpc.plugin.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void startsFullRefillsContinuouslyAndNeverHoldsMoreThanOneSecondsWorth() {
        ManualClock clock = new ManualClock();
        TokenBucket bucket = new TokenBucket(4, clock::nanoTime);
        for (int i = 0; i < 4; i++) {
            assertThat(bucket.tryTake()).isTrue();
        }
        assertThat(bucket.tryTake()).isFalse();
        clock.advance(Duration.ofMillis(249));
        assertThat(bucket.tryTake()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(bucket.tryTake()).isTrue();
        clock.advance(Duration.ofHours(1));
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(4);
    }
}
