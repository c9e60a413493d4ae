package io.dmicro.cli;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * The load loop of {@code dmicro bench}: callers in closed loops over a few sessions, latencies
 * into an HdrHistogram {@link Recorder} (interval snapshots for the progress line, their sum for
 * the summary).
 */
final class BenchRun {

    private final Endpoint endpoint;
    private final String uri;
    private final String route;
    private final byte[] body;
    private final CallOptions options;
    private final int callers;
    private final Slot[] slots;
    private final Recorder recorder = new Recorder(3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final LongAdder redials = new LongAdder();
    private final LongAdder dialFailures = new LongAdder();
    private final Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();
    /** The first failure of each status code, as the summary shows it: the code alone does not say what went wrong. */
    private final Map<Integer, String> firstFailures = new ConcurrentHashMap<>();
    private volatile long deadline;
    private final java.time.Duration timeout;

    BenchRun(Endpoint endpoint, String uri, String route, byte[] body, CallOptions options, int callers, int connections) {
        this.endpoint = endpoint;
        this.uri = uri;
        this.route = route;
        this.body = body;
        this.options = options;
        this.timeout = options.timeout() == null ? java.time.Duration.ofSeconds(30) : options.timeout();
        this.callers = callers;
        this.slots = new Slot[connections];
        for (int i = 0; i < connections; i++) {
            slots[i] = new Slot();
        }
    }

    /** Opens every session before the clock starts; a failure here ends the bench. */
    void connect() {
        for (Slot s : slots) {
            s.session = endpoint.dial(uri);
        }
    }

    BenchResult run(Duration duration, @Nullable PrintWriter progress) throws InterruptedException {
        long start = System.nanoTime();
        deadline = start + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(callers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Slot slot = slots[i % slots.length];
            Thread t = new Thread(() -> {
                try {
                    loop(slot);
                } finally {
                    finished.countDown();
                }
            }, "bench-caller-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Histogram total = new Histogram(3);
        Histogram interval = null;
        long lastCount = 0;
        long lastTime = start;
        while (!finished.await(Math.min(1000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1)),
                TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - deadline > TimeUnit.SECONDS.toNanos(2)) {
                break; // callers still waiting for replies after the end are left out of the summary
            }
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            long count = total.getTotalCount();
            long now = System.nanoTime();
            // one line a second: after the end, the wait for the last replies is short and would print one each time
            if (progress != null && now <= deadline) {
                double elapsed = (now - start) / 1e9;
                progress.printf(Locale.ROOT, "[%5.1fs] %,d calls  %,.0f calls/s  p99 %.2f ms  failed %,d  redials %,d%n", elapsed,
                        count, (count - lastCount) / Math.max(1e-3, (now - lastTime) / 1e9), interval.getValueAtPercentile(99) / 1000.0, failedCount(), redials.sum());
                progress.flush();
            }
            lastCount = count;
            lastTime = now;
        }
        long end = System.nanoTime();
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        Map<Integer, Long> failed = new java.util.TreeMap<>();
        failures.forEach((code, n) -> failed.put(code, n.sum()));
        return new BenchResult(callers, slots.length, Duration.ofNanos(end - start), ok.sum(), failed,
                new java.util.TreeMap<>(firstFailures), resent.sum(), redials.sum(), dialFailures.sum(), total);
    }

    /** Ends the run now (Ctrl-C): the callers stop after their current call and the summary follows. */
    void stopNow() {
        deadline = System.nanoTime();
    }

    private void loop(Slot slot) {
        while (System.nanoTime() < deadline) {
            Session session = slot.current();
            if (session == null) {
                continue;
            }
            long t0 = System.nanoTime();
            try {
                Replies.await(session.callForReply(route, body, byte[].class, options), timeout);
                recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                ok.increment();
            } catch (DrpcException e) {
                if (resendable(e)) {
                    resent.increment(); // the peer refused it before running it: safe to send again elsewhere
                    slot.retire(session);
                    continue;
                }
                failures.computeIfAbsent(e.code(), c -> new LongAdder()).increment();
                firstFailures.putIfAbsent(e.code(), StatusLine.text(e.status()));
                if (e.status().isConnectionError()) {
                    slot.retire(session);
                }
            }
        }
    }

    /**
     * A call that certainly did not run ({@link DrpcException#notExecuted()}: never written, or
     * refused with 503 by a draining peer) may be sent again on a fresh session, unlike one that
     * failed after it was written (102), whose outcome is unknown. Overload refusals (429) are not
     * resent: they are what a bench measures.
     */
    private static boolean resendable(DrpcException e) {
        return e.notExecuted() && e.code() != Status.TOO_MANY_REQUESTS;
    }

    private long failedCount() {
        long n = 0;
        for (LongAdder a : failures.values()) {
            n += a.sum();
        }
        return n;
    }

    /** One session shared by some callers; dialed again when the peer closed it. */
    private final class Slot {

        volatile @Nullable Session session;

        synchronized @Nullable Session current() {
            Session s = session;
            if (s != null && s.isHealthy() && !s.closeFuture().isDone()) {
                return s;
            }
            while (System.nanoTime() < deadline) {
                try {
                    s = endpoint.dial(uri);
                    redials.increment();
                    session = s;
                    return s;
                } catch (DrpcException e) {
                    dialFailures.increment();
                }
            }
            return null;
        }

        synchronized void retire(Session s) {
            if (session == s) {
                session = null;
                s.close();
            }
        }
    }

}
