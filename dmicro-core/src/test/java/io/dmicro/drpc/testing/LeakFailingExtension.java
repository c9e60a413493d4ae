package io.dmicro.drpc.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a Netty buffer leak fail the test that caused it. Registered for every test through
 * JUnit's extension auto-detection, so it installs its detector factory before Netty creates its
 * own. Netty only logs leaks by default.
 *
 * <p>Every buffer is tracked (PARANOID) and the tracker of each one still unreleased is kept in a
 * set. After a test, the buffers it allocated and has not released are looked at: none (the
 * common case, and always for tests that allocate no buffers) means nothing can have leaked, and
 * the test ends at once. Otherwise the extension waits a bounded time for them (a closing
 * connection releases its buffers on its event loop a moment after the test's last line), and
 * only when some are still unreleased does it force garbage collections so that Netty reports
 * the ones nobody can reach any more: those fail the test. Forcing three collections after every
 * test, as before, cost 2-3 s per test on a busy machine.
 */
public final class LeakFailingExtension implements BeforeEachCallback, AfterEachCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static final Set<CountingTracker<?>> UNRELEASED = ConcurrentHashMap.newKeySet();
    /** Which test a buffer was allocated in, so that a test answers only for its own. */
    private static final AtomicLong TEST = new AtomicLong();
    private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(2);
    /**
     * A hint ({@code buffer.touch(DELIBERATE_LEAK)}) marking a leak a test makes on purpose to show
     * that this extension fails it: such a leak still fails its test, but is not logged, so the
     * build's scan of the test output for Netty's {@code LEAK:} reports finds only real ones.
     */
    public static final String DELIBERATE_LEAK = "deliberate leak, not logged";

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new CountingDetector<>(resource, samplingInterval);
            }
        });
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TEST.incrementAndGet();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long test = TEST.get();
        if (!LEAKS.isEmpty() || !settled(test)) {
            System.err.println("leak check: " + context.getDisplayName() + " left buffers unreleased; collecting garbage to see if they leaked");
            collectUnreachable();
        }
        if (!LEAKS.isEmpty()) {
            String report = String.join("\n\n", LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty ByteBuf leak detected:\n" + report);
        }
    }

    /** Whether every buffer of this test is released, waiting a bounded time for the late ones. */
    private static boolean settled(long test) {
        // a bounded poll: the releases happen on event loops this thread cannot join
        return Peers.poll(SETTLE, () -> !openIn(test));
    }

    private static boolean openIn(long test) {
        for (CountingTracker<?> t : UNRELEASED) {
            if (t.test == test) {
                return true;
            }
        }
        return false;
    }

    /** Netty reports a leak when it finds a collected buffer on its next allocation: collect, then allocate. */
    private static void collectUnreachable() {
        for (int round = 0; round < 3 && LEAKS.isEmpty(); round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
                probe.release();
            }
        }
    }

    /** Netty's detector, recording each report and which trackers are still open. */
    private static final class CountingDetector<T> extends ResourceLeakDetector<T> {

        @SuppressWarnings("deprecation")
        CountingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        public @Nullable ResourceLeakTracker<T> track(T obj) {
            return counted(super.track(obj));
        }

        @Override
        public @Nullable ResourceLeakTracker<T> trackForcibly(T obj) {
            return counted(super.trackForcibly(obj));
        }

        private static <T> @Nullable ResourceLeakTracker<T> counted(@Nullable ResourceLeakTracker<T> tracker) {
            if (tracker == null) {
                return null;
            }
            CountingTracker<T> counted = new CountingTracker<>(tracker, TEST.get());
            UNRELEASED.add(counted);
            return counted;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + records);
            if (!records.contains(DELIBERATE_LEAK)) {
                super.reportTracedLeak(resourceType, records);
            }
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType);
            super.reportUntracedLeak(resourceType);
        }
    }

    /** Netty's tracker of one buffer, leaving the open set when the buffer is released. */
    private static final class CountingTracker<T> implements ResourceLeakTracker<T> {

        private final ResourceLeakTracker<T> delegate;
        final long test;

        CountingTracker(ResourceLeakTracker<T> delegate, long test) {
            this.delegate = delegate;
            this.test = test;
        }

        @Override
        public void record() {
            delegate.record();
        }

        @Override
        public void record(Object hint) {
            delegate.record(hint);
        }

        @Override
        public boolean close(T trackedObject) {
            boolean closed = delegate.close(trackedObject);
            if (closed) {
                UNRELEASED.remove(this);
            }
            return closed;
        }
    }
}
