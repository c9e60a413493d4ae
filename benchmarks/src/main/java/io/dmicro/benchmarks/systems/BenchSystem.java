package io.dmicro.benchmarks.systems;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One system under test. An instance lives in one JVM: the server side runs in the agent JVM,
 * the client side in the harness JVM (or both in one JVM with {@code --in-process}).
 *
 * <p>Contract every implementation keeps, so the figures stay comparable:
 * <ul>
 *   <li>the echo server answers every call with the bytes it received, unchanged;</li>
 *   <li>{@code ioThreads} is the exact number of I/O (event loop) threads used on that side;</li>
 *   <li>bind and connect only to the host given (the harness always passes 127.0.0.1);</li>
 *   <li>the payload array handed to {@link Client#call} is shared by all calls: never mutate it;</li>
 *   <li>close releases every thread and socket the object opened.</li>
 * </ul>
 */
public interface BenchSystem extends AutoCloseable {

  /** Unique short name used on the command line and in the report, e.g. {@code grpc-bytes}. */
  String name();

  /** {@code drpc}, {@code grpc}, {@code ceiling}, {@code rsocket}, {@code dubbo}, ...: how the report pairs systems. */
  String family();

  /** {@code bytes} or {@code proto}: a system is compared with the gRPC system of the same codec. */
  String codec();

  /** One line for the report: transport, executor and codec choices that matter to the figures. */
  String description();

  /** Starts an echo server (and the push source, if supported) on host:port; port 0 picks one. */
  Server startServer(String host, int port, int ioThreads) throws Exception;

  /**
   * Opens {@code connections} connections (sessions) to the echo server, eagerly: when this
   * returns every connection is established and usable.
   */
  Client connect(String host, int port, int connections, int ioThreads) throws Exception;

  /** Whether the client can spread its callers over {@code connections} connections. */
  default boolean supportsConnections(int connections) {
    return true;
  }

  /**
   * Why {@code workload} ({@code push}, {@code idle}, ...) does not apply to this system, shown in
   * the report in place of its row; null when it applies.
   */
  default String notApplicable(String workload) {
    return null;
  }

  /** Whether {@link #openIdleSessions} makes sense for it (the idle-session workload). */
  default boolean supportsIdle() {
    return true;
  }

  /**
   * The system whose figures this one is divided by, round by round, in the report's paired ratios
   * (the same work another way: {@code drpc-spring} against {@code drpc-json}); null for none.
   */
  default String partner() {
    return null;
  }

  /** Whether {@link #openPushSessions} and {@link Server#startPush} are implemented. */
  default boolean supportsPush() {
    return false;
  }

  /**
   * Opens {@code sessions} receiving sessions to the server and subscribes each to the server's
   * push; every message delivered to any session increments {@code delivered}. Each session must
   * apply flow control (a bounded window or credit) so a fast pusher cannot fill memory.
   */
  default PushSessions openPushSessions(String host, int port, int sessions, int ioThreads, LongAdder delivered)
      throws Exception {
    throw new UnsupportedOperationException(name() + " has no push support");
  }

  /**
   * Opens {@code sessions} idle sessions whose heap cost is measured. The default opens a client
   * with that many connections and makes no call on them.
   */
  default AutoCloseable openIdleSessions(String host, int port, int sessions, int ioThreads) throws Exception {
    return connect(host, port, sessions, ioThreads);
  }

  @Override
  default void close() throws Exception {
  }

  /** Creates a fresh, unconnected system object (one per JVM and use). */
  @FunctionalInterface
  interface Factory {
    BenchSystem create();
  }

  /** A running server. */
  interface Server extends AutoCloseable {
    int port();

    /** Sessions (connections) the server currently holds open. */
    int sessionCount();

    /**
     * CPU nanoseconds (user + system) of processes this server runs outside its JVM (a Go peer),
     * from the OS's accounting; 0 when it runs inside the JVM.
     */
    default long extraCpuNanos() {
      return 0;
    }

    /** Heap bytes in use (after a GC) of a server outside the JVM (a Go peer); -1 when it runs inside the JVM. */
    default long extraHeapBytes() {
      return -1;
    }

    /** Sessions currently subscribed to push (for push fan-out). */
    default int pushSubscriberCount() {
      return 0;
    }

    /**
     * Starts pushing {@code payload} to every subscribed session, as fast as each session's flow
     * control allows, until {@link #stopPush()}. Returns at once.
     */
    default void startPush(byte[] payload) {
      throw new UnsupportedOperationException("no push support");
    }

    /** Stops pushing; returns how many messages were handed to the transport since start. */
    default long stopPush() {
      throw new UnsupportedOperationException("no push support");
    }
  }

  /** Client side of the echo workload: closed-loop, asynchronous. */
  interface Client extends AutoCloseable {
    /** Sends one echo call over the next connection (round robin). */
    CompletableFuture<byte[]> call(byte[] payload);

    /**
     * Sends one echo call for caller number {@code caller}; a caller sticks to connection
     * {@code caller % connections} (what the load generator uses).
     */
    default CompletableFuture<byte[]> call(int caller, byte[] payload) {
      return call(payload);
    }
  }

  /**
   * A client whose load generator runs outside the harness (the Go original's client): the harness
   * hands it the cell and takes its figures instead of running {@code ClosedLoop}. {@code atStart}
   * and {@code atEnd} are called at the edges of its measured phase (for the server's CPU).
   */
  interface ExternalLoad extends Client {
    LoadResult run(int connections, int callers, int payloadSize, long warmupMs, long measureMs, Runnable atStart,
        Runnable atEnd) throws Exception;
  }

  /** What an external load reports; latencies in nanoseconds, CPU of the client process over the measured phase. */
  record LoadResult(long calls, double seconds, double p50, double p99, double p999, long errors, String firstError,
      long clientCpuNanos) {
  }

  /** Idle sessions held outside the harness JVM, with that process's own heap before and after opening them. */
  interface ExternalIdle extends AutoCloseable {
    long before();

    long after();
  }

  /** The receiving ends of a push fan-out. */
  interface PushSessions extends AutoCloseable {
  }

  /**
   * Receivers in another process, whose count reaches the harness late: they report it with the
   * time they read it, and the measured window's edges are read from those reports.
   */
  interface TimedPushCount {
    /** The receivers' count at {@code epochNanos} (see {@link #wallNanos}), interpolated between reports. */
    long countAt(long epochNanos) throws InterruptedException;

    static long wallNanos() {
      java.time.Instant now = java.time.Instant.now();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
  }
}
