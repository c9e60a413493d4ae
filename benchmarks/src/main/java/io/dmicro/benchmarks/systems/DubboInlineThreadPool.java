package io.dmicro.benchmarks.systems;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.threadpool.ThreadPool;

/**
 * Dubbo's {@code threadpool} extension {@code inline}: every task runs on the thread handing it
 * over. Triple has no dispatcher setting; its server runs each call on the service's thread pool
 * and its client completes each call on its consumer pool, so naming this pool on both sides is
 * how {@code dubbo-tri} keeps handler and completions on the I/O thread (gRPC's
 * {@code directExecutor()}). Registered in
 * {@code META-INF/dubbo/org.apache.dubbo.common.threadpool.ThreadPool}.
 */
public final class DubboInlineThreadPool implements ThreadPool {
  static final String NAME = "inline";

  @Override
  public Executor getExecutor(URL url) {
    return new InlineExecutor();
  }

  /** Runs each task on the calling thread (Dubbo's executor repository takes only an ExecutorService). */
  static final class InlineExecutor extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
