package io.dmicro.benchmarks;

import io.dmicro.benchmarks.systems.BenchSystem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: {@code callers} independent callers, each with exactly one call outstanding;
 * a caller issues its next call from the previous call's completion (asynchronously, on whatever
 * thread completed it: no thread per caller). Runs a warm-up phase, then a measured phase; stops
 * at the time limit or when {@code maxCalls} calls were issued, whichever comes first.
 */
public final class ClosedLoop {
  private static final long DRAIN_TIMEOUT_MS = 10_000;
  private static final long MAX_ERRORS = 1_000;

  /** Outcome of one measured phase. Latencies in nanoseconds. */
  public record Result(long calls, double seconds, Histogram latency, long errors, String firstError) {
    public double callsPerSecond() {
      return seconds <= 0 ? 0 : calls / seconds;
    }
  }

  private final BenchSystem.Client client;
  private final byte[] payload;
  private final int callers;
  private final Recorder recorder = new Recorder(3);
  private final AtomicLong issued = new AtomicLong();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final CountDownLatch finished;
  private final long maxCalls;
  private volatile boolean running = true;

  private ClosedLoop(BenchSystem.Client client, byte[] payload, int callers, long maxCalls) {
    this.client = client;
    this.payload = payload;
    this.callers = callers;
    this.maxCalls = maxCalls;
    this.finished = new CountDownLatch(callers);
  }

  /** Runs warm-up then measurement; returns the measured phase only. */
  public static Result run(BenchSystem.Client client, byte[] payload, int callers, long warmupMs, long measureMs,
      long maxCalls) throws InterruptedException {
    return run(client, payload, callers, warmupMs, measureMs, maxCalls, () -> { }, () -> { });
  }

  /** Same, calling {@code atStart} and {@code atEnd} right at the edges of the measured phase. */
  public static Result run(BenchSystem.Client client, byte[] payload, int callers, long warmupMs, long measureMs,
      long maxCalls, Runnable atStart, Runnable atEnd) throws InterruptedException {
    ClosedLoop loop = new ClosedLoop(client, payload, callers, maxCalls);
    return loop.go(warmupMs, measureMs, atStart, atEnd);
  }

  private Result go(long warmupMs, long measureMs, Runnable atStart, Runnable atEnd) throws InterruptedException {
    for (int i = 0; i < callers; i++) {
      int caller = i;
      next(caller);
    }
    sleepWhileRunning(warmupMs);
    atStart.run();
    recorder.getIntervalHistogram(); // discard warm-up
    long errorsBefore = errors.sum();
    long t0 = System.nanoTime();
    sleepWhileRunning(measureMs);
    Histogram h = recorder.getIntervalHistogram();
    long t1 = System.nanoTime();
    atEnd.run();
    running = false;
    boolean drained = finished.await(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    String err = firstError.get();
    if (!drained) {
      err = (err == null ? "" : err + "; ") + (finished.getCount() + " callers still waiting after "
          + DRAIN_TIMEOUT_MS + " ms");
    }
    return new Result(h.getTotalCount(), (t1 - t0) / 1e9, h, errors.sum() - errorsBefore, err);
  }

  private void sleepWhileRunning(long ms) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    long left;
    while (running && (left = end - System.nanoTime()) > 0) {
      Thread.sleep(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
    }
  }

  /** Issues calls for one caller until a call is truly asynchronous (avoids deep recursion). */
  private void next(int caller) {
    while (true) {
      if (!running || issued.incrementAndGet() > maxCalls || errors.sum() > MAX_ERRORS) {
        running = false;
        finished.countDown();
        return;
      }
      long start = System.nanoTime();
      CompletableFuture<byte[]> f;
      try {
        f = client.call(caller, payload);
      } catch (RuntimeException e) {
        failed(e);
        continue;
      }
      if (f.isDone()) {
        byte[] r = null;
        Throwable e = null;
        try {
          r = f.getNow(null);
        } catch (RuntimeException x) {
          e = x;
        }
        complete(r, e, start);
        continue;
      }
      f.whenComplete((r, e) -> {
        complete(r, e, start);
        next(caller);
      });
      return;
    }
  }

  private void complete(byte[] response, Throwable error, long start) {
    long t = System.nanoTime() - start;
    if (error != null) {
      failed(error);
    } else if (response == null || response.length != payload.length) {
      failed(new IllegalStateException("echo returned " + (response == null ? "null" : response.length + " bytes")
          + " for " + payload.length));
    } else {
      recorder.recordValue(t);
    }
  }

  private void failed(Throwable e) {
    errors.increment();
    firstError.compareAndSet(null, String.valueOf(e));
  }
}
