package io.dmicro.drpc.internal;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The default home of blocking handlers: virtual threads where the JVM has them, a bounded pool otherwise. */
public final class HandlerExecutors {

    private static final int QUEUE_CAPACITY = 100_000;

    private HandlerExecutors() {
    }

    /** Virtual threads when {@code virtual} and the JVM has them, else the bounded platform pool. */
    public static ExecutorService newDefault(boolean virtual) {
        if (!virtual) {
            return platformPool();
        }
        try {
            Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            return platformPool();
        }
    }

    /**
     * {@code max(16, 8 x cores)} platform threads named {@code drpc-handler-N}, at most 100,000 calls
     * waiting (beyond that {@code execute} throws {@link RejectedExecutionException}: the caller
     * answers 503).
     *
     * <p>Before Java 21, a {@link ForkJoinPool} in FIFO (async) mode rather than a {@code ThreadPoolExecutor} over a
     * {@code LinkedBlockingQueue}: the event loop hands each call off without the queue's two locks
     * and a condition signal per call, and an idle worker spins briefly and steals before it parks,
     * so at load the hand-off rarely wakes a sleeping thread. Measured in the benchmark module on
     * JDK 17 (same-run A/B, JSON record echo on one connection, 5 rounds): 1.13x the calls/s, 32%
     * less CPU per call and p99 0.7 ms instead of 1.9 ms at 16 callers; 25% less CPU at 128. A handler that
     * blocks through a {@code ManagedBlocker} (CompletableFuture.get/join, for one) gets a
     * compensating thread, up to 256 more; workers idle for 60 s end.
     */
    private static ExecutorService platformPool() {
        return Runtime.version().feature() < 21 ? forkJoinPool() : threadPool();
    }

    /**
     * On Java 21+ (where the default is virtual threads, and this pool serves only
     * {@code virtualThreads(false)}) the classic pool: there the reworked ForkJoinPool measured
     * slower than it in same-run A/B pairs (JDK 25: 0.7x the calls/s at 128 callers, 40% more CPU
     * per call at 16).
     */
    private static ExecutorService threadPool() {
        int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
        AtomicInteger n = new AtomicInteger();
        java.util.concurrent.ThreadFactory factory = r -> {
            Thread t = new Thread(r, "drpc-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads,
                60, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(QUEUE_CAPACITY), factory,
                new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ExecutorService forkJoinPool() {
        int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(pool) { };
            t.setName("drpc-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ForkJoinPool pool = new ForkJoinPool(threads, factory, null, true, threads, threads + 256, 1, null,
                60, TimeUnit.SECONDS);
        return new BoundedPool(pool, QUEUE_CAPACITY);
    }

    /**
     * A pool that refuses work while {@code limit} submitted tasks wait for a worker. The count is
     * the pool's own (a scan of its few submission queues), so a call costs no shared counter
     * that the event loop and every worker would write.
     */
    static final class BoundedPool extends AbstractExecutorService {
        private final ForkJoinPool pool;
        private final int limit;

        BoundedPool(ForkJoinPool pool, int limit) {
            this.pool = pool;
            this.limit = limit;
        }

        @Override
        public void execute(Runnable task) {
            if (pool.getQueuedSubmissionCount() >= limit) {
                throw new RejectedExecutionException("handler pool full: " + limit + " calls waiting");
            }
            pool.execute(task);
        }

        @Override
        public void shutdown() {
            pool.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return pool.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return pool.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return pool.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return pool.awaitTermination(timeout, unit);
        }
    }
}
