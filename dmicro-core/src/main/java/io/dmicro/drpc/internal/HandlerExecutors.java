package io.dmicro.drpc.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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

    private static ExecutorService platformPool() {
        int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "drpc-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
