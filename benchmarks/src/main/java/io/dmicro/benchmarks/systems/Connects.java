package io.dmicro.benchmarks.systems;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Opens many connections with a bounded number in flight, so a 10,000-session run never floods the accept backlog. */
public final class Connects {
  public static final int IN_FLIGHT = 256;
  private static final long TIMEOUT_S = 120;

  private Connects() {
  }

  /** Runs {@code open.apply(i)} for i in [0, n), at most {@link #IN_FLIGHT} at a time; fails on the first failure. */
  public static <T> List<T> openAll(int n, IntFunction<CompletableFuture<T>> open) throws Exception {
    List<T> out = new ArrayList<>(n);
    for (int base = 0; base < n; base += IN_FLIGHT) {
      int end = Math.min(n, base + IN_FLIGHT);
      List<CompletableFuture<T>> batch = new ArrayList<>(end - base);
      for (int i = base; i < end; i++) {
        batch.add(open.apply(i));
      }
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(TIMEOUT_S, TimeUnit.SECONDS);
      for (CompletableFuture<T> f : batch) {
        out.add(f.join());
      }
    }
    return out;
  }
}
