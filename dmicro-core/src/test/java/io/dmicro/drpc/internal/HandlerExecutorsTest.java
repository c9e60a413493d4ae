package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandlerExecutorsTest {

    @Test
    void platformPoolRunsHandlersOnNamedDaemonThreads() throws Exception {
        ExecutorService pool = HandlerExecutors.newDefault(false);
        try {
            CompletableFuture<Thread> ran = CompletableFuture.supplyAsync(Thread::currentThread, pool);
            Thread t = ran.get(10, TimeUnit.SECONDS);
            assertThat(t.getName()).startsWith("drpc-handler-");
            assertThat(t.isDaemon()).isTrue();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void boundedPoolRefusesWorkWhileTheLimitIsWaiting() throws Exception {
        ForkJoinPool fj = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        ExecutorService pool = new HandlerExecutors.BoundedPool(fj, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                started.countDown();
                awaitQuietly(release);
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            pool.execute(() -> { });
            pool.execute(() -> { }); // two waiting now: the limit
            assertThatThrownBy(() -> pool.execute(() -> { }))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("handler pool full");
            release.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fj.getQueuedSubmissionCount() > 0 && System.nanoTime() < end) {
                Thread.onSpinWait(); // bounded wait for the single worker to drain the queue
            }
            assertThat(fj.getQueuedSubmissionCount()).isZero();
            CompletableFuture<Void> after = CompletableFuture.runAsync(() -> { }, pool);
            after.get(10, TimeUnit.SECONDS); // room again once the queue drained
        } finally {
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
