package io.dmicro.benchmarks;

import java.lang.management.ManagementFactory;

/** Deterministic payloads and heap measurement, shared by the harness and the agent JVM. */
final class Payloads {
  private Payloads() {
  }

  /** {@code size} bytes of a fixed, non-trivial pattern (not all zeros, so nothing compresses it away). */
  static byte[] make(int size) {
    byte[] b = new byte[size];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b[i] = (byte) x;
    }
    return b;
  }

  /**
   * CPU time (user + system) of process {@code pid} in nanoseconds, from {@code /proc/<pid>/stat}
   * (fields utime and stime, in clock ticks of 1/100 s); -1 where that file cannot be read.
   */
  static long cpuNanos(long pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is f[0], so utime (field 14) is f[11] and stime (15) f[12]
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 10_000_000L;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Heap bytes in use after repeated full collections (System.gc is a full GC with G1 by default). */
  static long heapUsedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Milliseconds this JVM's JIT compilers have spent so far (-1 if not supported). */
  static long jitMillis() {
    java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
  }

  /** Kept strongly reachable so its level sticks. */
  private static final java.util.logging.Logger GRPC_LOG = java.util.logging.Logger.getLogger("io.grpc");

  /**
   * Disables Netty's leak sampling (ours and gRPC's relocated copy) for the figures, set before Netty
   * loads, and silences gRPC's per-stream WARNINGs ("Stream closed before write could take place"),
   * which closing 1,000 streaming push sessions at once would print by the hundred.
   */
  static void quietNetty() {
    GRPC_LOG.setLevel(java.util.logging.Level.SEVERE);
    System.setProperty("io.netty.leakDetection.level", System.getProperty("io.netty.leakDetection.level", "disabled"));
    System.setProperty("io.grpc.netty.shaded.io.netty.leakDetection.level",
        System.getProperty("io.grpc.netty.shaded.io.netty.leakDetection.level", "disabled"));
  }
}
