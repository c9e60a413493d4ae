package io.dmicro.drpc.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so; also a nanosecond ticker for the same time line. */
public final class ManualClock extends Clock {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Nanoseconds on this clock's time line, like {@link System#nanoTime}. */
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(0, nanos.get());
    }

    @Override
    public long millis() {
        return nanos.get() / 1_000_000;
    }
}
