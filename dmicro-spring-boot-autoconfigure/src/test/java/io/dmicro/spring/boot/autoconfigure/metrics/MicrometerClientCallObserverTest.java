package io.dmicro.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerClientCallObserverTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerClientCallObserver observer = new MicrometerClientCallObserver(registry);

    @Test
    void timesEachAttemptByServiceRouteAndStatus() {
        observer.attempted("math", "/math/add", "10.0.0.1:9090", 0, Duration.ofMillis(2));
        observer.attempted("math", "/math/add", "10.0.0.2:9090", 0, Duration.ofMillis(4));
        observer.attempted("math", "/math/add", "10.0.0.1:9090", 105, Duration.ofMillis(1));
        observer.attempted("echo", "/echo/say", "", 503, Duration.ofMillis(1));

        Timer ok = registry.get(MicrometerClientCallObserver.ATTEMPTS).tags("service", "math", "route", "/math/add", "status", "0").timer();
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(ok.getId().getDescription()).isEqualTo("attempts of drpc client calls, by service");
        assertThat(registry.get(MicrometerClientCallObserver.ATTEMPTS).tags("status", "105").timer().count()).isEqualTo(1);
        assertThat(registry.get(MicrometerClientCallObserver.ATTEMPTS).tags("service", "echo", "status", "503").timer().count()).isEqualTo(1);
        assertThat(registry.find(MicrometerClientCallObserver.ATTEMPTS).timers()).as("the peer is not a tag").hasSize(3)
                .allSatisfy(t -> assertThat(t.getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
                        .containsExactlyInAnyOrder("service", "route", "status"));
    }
}
