package io.dmicro.benchmarks;

import io.dmicro.benchmarks.Results.Cell;
import io.dmicro.benchmarks.Results.Metric;
import io.dmicro.benchmarks.Results.Sample;
import io.dmicro.benchmarks.Results.SystemInfo;
import io.dmicro.benchmarks.systems.BenchSystem;
import io.dmicro.benchmarks.systems.DrpcSystem;
import io.dmicro.benchmarks.systems.DubboSystem;
import io.dmicro.benchmarks.systems.GoSystem;
import io.dmicro.benchmarks.systems.GrpcSystem;
import io.dmicro.benchmarks.systems.NettyCeilingSystem;
import io.dmicro.benchmarks.systems.RSocketSystem;
import io.dmicro.benchmarks.systems.spring.DrpcSpringSystem;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs every workload against every selected system, rounds rotated, and writes the Markdown
 * report and PNG chart. One command from the repository root:
 * {@code mvn -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar}
 * (add {@code --quick} for a one-minute smoke run).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {
  }

  /**
   * Every system the harness knows, in report order; {@code --systems} picks a subset.
   *
   * <p>drpc is registered here, ahead of the others: one entry for raw proto with a byte[] body
   * ({@code family() "drpc"}, {@code codec() "bytes"}) and one for the protobuf codec
   * ({@code codec() "proto"}). The report pairs each system with the gRPC system of the same codec
   * and with the bare-Netty ceiling, so nothing else needs to change.
   */
  static Map<String, BenchSystem.Factory> registry() {
    Map<String, BenchSystem.Factory> r = new LinkedHashMap<>();
    r.put("drpc-bytes", DrpcSystem::bytes);
    r.put("drpc-bytes-nio", () -> DrpcSystem.onNio("drpc-bytes-nio", DrpcSystem.bytes()));
    r.put("drpc-proto", DrpcSystem::proto);
    r.put("drpc-json-nb", () -> DrpcSystem.json("drpc-json-nb", true, false));
    r.put("drpc-json-nb-a", () -> DrpcSystem.jsonUncached("drpc-json-nb-a", true));
    r.put("drpc-json", () -> DrpcSystem.json("drpc-json", false, false));
    r.put("drpc-json-ja", () -> DrpcSystem.jsonOnPlainMapper("drpc-json-ja", false));
    r.put("drpc-json-nb-ja", () -> DrpcSystem.jsonOnPlainMapper("drpc-json-nb-ja", true));
    r.put("drpc-json-nio", () -> DrpcSystem.onNio("drpc-json-nio", DrpcSystem.json("drpc-json", false, false)));
    r.put("drpc-json-a", () -> DrpcSystem.jsonOn("drpc-json-a", "as it was: ThreadPoolExecutor(16 threads) over a"
        + " LinkedBlockingQueue(100,000)", DrpcSystem::previousPool));
    r.put("drpc-spring", DrpcSpringSystem::new);
    r.put("drpc-spring-a", () -> DrpcSpringSystem.uncachedEvents("drpc-spring-a"));
    r.put("drpc-spring-recv", () -> DrpcSpringSystem.with("drpc-spring-recv", Map.of("dmicro.events.received", "true")));
    r.put("drpc-spring-nodl", () -> DrpcSpringSystem.with("drpc-spring-nodl", Map.of("dmicro.endpoint.send-deadlines", "false")));
    if (Runtime.version().feature() >= 21) {
      r.put("drpc-json-vt", () -> DrpcSystem.json("drpc-json-vt", false, true));
    }
    r.put("grpc-bytes", GrpcSystem::bytes);
    r.put("grpc-proto", GrpcSystem::proto);
    r.put("grpc-proto-default", GrpcSystem::protoDefault);
    r.put("dubbo-bytes", DubboSystem::bytes);
    r.put("dubbo-pojo", DubboSystem::pojo);
    r.put("dubbo-tri", DubboSystem::tri);
    r.put("go-bytes", () -> GoSystem.goGo(false));
    r.put("go-json", () -> GoSystem.goGo(true));
    r.put("java-go-bytes", () -> GoSystem.javaToGo(false));
    r.put("java-go-json", () -> GoSystem.javaToGo(true));
    r.put("go-java-bytes", () -> GoSystem.goToJava(false));
    r.put("go-java-json", () -> GoSystem.goToJava(true));
    r.put("netty-ceiling", NettyCeilingSystem::new);
    r.put("rsocket", RSocketSystem::new);
    return r;
  }

  public static void main(String[] args) throws Exception {
    Payloads.quietNetty();
    System.setProperty("java.awt.headless", "true");
    Options o = Options.parse(args);
    int code = new BenchmarkMain().run(o);
    System.exit(code);
  }

  private final Map<String, BenchSystem> clients = new LinkedHashMap<>();
  private Results results;
  private Options opt;
  private long startNanos;
  private long warmupMs;
  private long measureMs;

  int run(Options o) throws Exception {
    this.opt = o;
    startNanos = System.nanoTime();
    Map<String, BenchSystem.Factory> registry = registry();
    List<String> names = new ArrayList<>(o.systems.isEmpty() ? registry.keySet() : o.systems);
    for (String n : names) {
      if (!registry.containsKey(n)) {
        throw new IllegalArgumentException("unknown system " + n + "; known: " + registry.keySet());
      }
    }
    results = new Results();
    if (names.stream().anyMatch(n -> n.startsWith("go-") || n.startsWith("java-go-"))) {
      java.nio.file.Path bench = Report.defaultDir().getParent();
      log("building the Go original's bench peer (interop/go/cmd/benchpeer, DMicro v1.3.1) with go build");
      String why = GoSystem.buildPeer(bench.getParent(), bench.resolve("target").resolve("benchpeer"));
      if (why != null) {
        results.notes.add("Go original not measured: " + why);
        names.removeIf(n -> n.startsWith("go-") || n.startsWith("java-go-"));
      } else {
        results.notes.add("The Go original's bench peer was built in this run with `go build` from interop/go"
            + " (github.com/osgochina/dmicro v1.3.1, " + goVersion() + ").");
      }
    }
    for (String n : names) {
      BenchSystem s = registry.get(n).create();
      clients.put(n, s);
      Map<String, String> notApplicable = new LinkedHashMap<>();
      for (String w : List.of("unary", "large", "push", "idle")) {
        if (s.notApplicable(w) != null) {
          notApplicable.put(w, s.notApplicable(w));
        }
      }
      results.systems.add(new SystemInfo(s.name(), s.family(), s.codec(), s.description(), notApplicable, s.partner()));
    }
    if (o.inProcess && o.workloads.contains("idle") && o.idleSessions > 4000) {
      results.notes.add("--in-process: idle sessions capped at 4,000 (both ends in one JVM share its 20,000-descriptor"
          + " limit), and the heap figure is both ends together.");
      o.idleSessions = 4000;
    }
    planCells();
    fitToBudget();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    Thread watchdog = startWatchdog(o.budgetSeconds + 120);
    long agentLifetime = o.budgetSeconds + 240;
    log("starting servers %s for %s", o.inProcess ? "in this JVM" : "in a forked agent JVM", names);
    try (ServerHost host = o.inProcess ? new ServerHost.Local(registry, names, o.ioThreads)
        : new ServerHost.Forked(names, o.ioThreads, agentLifetime)) {
      results.notes.add("Servers run " + host.describe() + "; clients run in the harness JVM.");
      globalWarmup(host, names);
      settleJit(host);
      for (int ci = 0; ci < results.cells.size(); ci++) {
        Cell c = results.cells.get(ci);
        try {
          runCell(host, c, ci, names);
        } catch (Exception e) { // keep going: a report with a hole beats no report
          log("%s failed: %s", c.label(), e);
          results.skipped.put(c, "failed: " + e);
        }
      }
    } finally {
      for (BenchSystem s : clients.values()) {
        s.close();
      }
    }
    watchdog.interrupt();
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    results.notes.add(String.format(java.util.Locale.ROOT, "System load average (1 min) %.1f at the start and %.1f at"
        + " the end, on %d cores: above about 2 (the benchmark's own two JVMs), other processes shared the machine"
        + " and the figures are noisier.", loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
    double total = (System.nanoTime() - startNanos) / 1e9;
    Report.write(results, o, warmupMs, measureMs, total);
    return 0;
  }

  private static String goVersion() {
    try {
      Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      p.waitFor();
      return v;
    } catch (Exception e) {
      return "go version unknown";
    }
  }

  /**
   * One closed-loop phase on {@code client}: the harness's {@link ClosedLoop}, or the client's own
   * loop when it runs outside this JVM (the Go original's client), whose CPU it reports itself.
   */
  private LoadOutcome runLoad(BenchSystem.Client client, byte[] payload, int callers, int conns, long warm,
      long measure, Runnable atStart, Runnable atEnd) throws Exception {
    if (client instanceof BenchSystem.ExternalLoad ext) {
      BenchSystem.LoadResult lr = ext.run(conns, callers, payload.length, warm, measure, atStart, atEnd);
      org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
      return new LoadOutcome(lr.calls(), lr.seconds(), lr.p50(), lr.p99(), lr.p999(), lr.errors(),
          lr.firstError().isEmpty() ? null : lr.firstError(), lr.clientCpuNanos());
    }
    ClosedLoop.Result r = ClosedLoop.run(client, payload, callers, warm, measure, opt.maxCallsPerMeasurement,
        atStart, atEnd);
    boolean any = r.calls() > 0;
    return new LoadOutcome(r.calls(), r.seconds(), any ? r.latency().getValueAtPercentile(50) : Double.NaN,
        any ? r.latency().getValueAtPercentile(99) : Double.NaN,
        any ? r.latency().getValueAtPercentile(99.9) : Double.NaN, r.errors(), r.firstError(), -1);
  }

  /** One measured phase, latencies in ns; {@code externalCpu} is the outside client's own CPU (-1: this JVM's). */
  private record LoadOutcome(long calls, double seconds, double p50, double p99, double p999, long errors,
      String firstError, long externalCpu) {
    double callsPerSecond() {
      return seconds <= 0 ? 0 : calls / seconds;
    }
  }

  // ------------------------------------------------------------------ plan

  private void planCells() {
    List<Cell> cells = results.cells;
    if (opt.workloads.contains("unary")) {
      for (int conns : opt.connections) {
        for (int callers : opt.callers) {
          cells.add(new Cell("unary", "small unary, " + callers + " callers, " + conns + " conn",
              opt.smallSize + "B c" + callers + " x" + conns, "calls/s", callers, conns, opt.smallSize, 0));
        }
      }
    }
    if (opt.workloads.contains("large")) {
      cells.add(new Cell("large", "1 MiB each way, " + opt.largeCallers + " callers, 1 conn",
          "1MiB c" + opt.largeCallers + " x1", "MiB/s", opt.largeCallers, 1, opt.largeSize, 0));
    }
    if (opt.workloads.contains("push")) {
      cells.add(new Cell("push", "push fan-out to " + opt.pushSessions + " sessions, " + opt.pushSize + " B",
          "push x" + opt.pushSessions, "msgs/s", 0, opt.pushSessions, opt.pushSize, opt.pushSessions));
    }
    if (opt.workloads.contains("idle")) {
      cells.add(new Cell("idle", opt.idleSessions + " idle sessions", "idle x" + opt.idleSessions, "B/session", 0,
          opt.idleSessions, 0, opt.idleSessions));
    }
  }

  /** Seconds one measurement (one system, one round) of a cell is expected to take. */
  private double estimate(Cell c, long warm, long measure) {
    return switch (c.workload()) {
      case "unary" -> (warm + measure) / 1000.0 + 0.15 + 0.02 * c.connections();
      case "large" -> (warm + measure) / 1000.0 + 0.3;
      case "push" -> (warm + measure) / 1000.0 + 1.5; // includes draining what was in flight
      case "idle" -> 5.0 + c.sessions() / 1200.0;
      default -> 1;
    };
  }

  /** Seconds a cell costs per system once, whatever the rounds (push sessions are opened once). */
  private double setupEstimate(Cell c) {
    return c.workload().equals("push") ? 2.0 + c.sessions() / 400.0 : 0;
  }

  private double estimateTotal(long warm, long measure) {
    double t = 5 + clients.size() * (opt.globalWarmupMs * 1.5 / 1000.0 + 3.0);
    for (Cell c : results.cells) {
      for (BenchSystem s : clients.values()) {
        if (!applies(s, c)) {
          continue;
        }
        int rounds = c.workload().equals("idle") ? 1 : opt.rounds;
        t += rounds * estimate(c, warm, measure) + setupEstimate(c);
      }
    }
    return t;
  }

  /** Shrinks warm-up and measured phases (never below 200 ms / 500 ms) so the plan fits the budget. */
  private void fitToBudget() {
    warmupMs = opt.warmupMs;
    measureMs = opt.measureMs;
    double planned = estimateTotal(warmupMs, measureMs);
    double target = opt.budgetSeconds * 0.85;
    if (planned > target) {
      double fixed = estimateTotal(0, 0);
      double f = Math.max(0, (target - fixed) / (planned - fixed));
      warmupMs = Math.max(200, (long) (opt.warmupMs * f));
      measureMs = Math.max(500, (long) (opt.measureMs * f));
      results.notes.add(String.format("Phases shrunk to fit the %d s budget: warm-up %d ms, measure %d ms per"
          + " measurement (asked %d / %d).", opt.budgetSeconds, warmupMs, measureMs, opt.warmupMs, opt.measureMs));
    }
    log("plan: %d cells x %d systems x %d rounds, warm-up %d ms + measure %d ms each, about %.0f s (budget %d s)",
        results.cells.size(), clients.size(), opt.rounds, warmupMs, measureMs, estimateTotal(warmupMs, measureMs),
        opt.budgetSeconds);
  }

  private double elapsed() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private Thread startWatchdog(long seconds) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(seconds * 1000);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("benchmarks: watchdog: still running after " + seconds + " s, stopping");
      Runtime.getRuntime().halt(4);
    }, "bench-watchdog");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static final long T0 = System.nanoTime();

  static void log(String fmt, Object... args) {
    System.err.printf("[bench %4ds] " + fmt + "%n",
        concat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - T0), args));
  }

  private static Object[] concat(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  // ------------------------------------------------------------------ run

  /**
   * JIT warm-up of both JVMs, in two passes over all systems so that code shared by the systems
   * (the load generator, CompletableFuture, Netty) has seen every one of them before anything is
   * measured. Pass one: 64 callers on one connection, then on four. Pass two: one caller on one
   * connection, 16 callers on four, then (when those workloads run) 1 MiB calls and a push to 100
   * sessions.
   */
  private void globalWarmup(ServerHost host, List<String> names) {
    byte[] small = Payloads.make(opt.smallSize);
    long each = Math.max(100, opt.globalWarmupMs / 4);
    for (int pass = 0; pass < 2; pass++) {
      for (String n : names) {
        log("warm-up %s, pass %d", n, pass + 1);
        try {
          if (pass == 0) {
            warmUnary(host, n, small, 64, 1, each);
            warmUnary(host, n, small, 64, 4, each);
          } else {
            warmUnary(host, n, small, 1, 1, each);
            warmUnary(host, n, small, 16, 4, each);
            if (opt.workloads.contains("large")) {
              warmUnary(host, n, Payloads.make(opt.largeSize), opt.largeCallers, 1, each);
            }
            if (opt.workloads.contains("push") && clients.get(n).supportsPush()
                && clients.get(n).notApplicable("push") == null) {
              warmPush(host, n, each);
            }
          }
        } catch (Exception e) {
          results.notes.add("warm-up of " + n + " failed: " + e);
          log("warm-up of %s failed: %s", n, e);
        }
      }
    }
  }

  private void warmUnary(ServerHost host, String n, byte[] payload, int callers, int conns, long ms)
      throws Exception {
    if (!clients.get(n).supportsConnections(conns)) {
      conns = 1; // the Go load, Dubbo's Triple client and a @DrpcClient run over one session
    }
    try (BenchSystem.Client c = clients.get(n).connect(ServerHost.HOST, host.port(n), conns, opt.ioThreads)) {
      LoadOutcome r = runLoad(c, payload, callers, conns, 0, ms, () -> { }, () -> { });
      if (r.errors() > 0) {
        results.notes.add("warm-up of " + n + " had " + r.errors() + " errors, first: " + r.firstError());
      }
    }
  }

  private void warmPush(ServerHost host, String n, long ms) throws Exception {
    int sessions = Math.min(100, opt.pushSessions);
    try (BenchSystem.PushSessions ps = clients.get(n).openPushSessions(ServerHost.HOST, host.port(n), sessions,
        opt.ioThreads, new LongAdder())) {
      waitFor(() -> host.pushSubscribers(n) >= sessions, 60, n + ": push subscribers");
      host.startPush(n, opt.pushSize);
      try {
        Thread.sleep(ms);
      } finally {
        host.stopPush(n);
      }
    } finally {
      waitFor(() -> host.pushSubscribers(n) == 0 && host.sessions(n) == 0, 30, n + ": push sessions to close");
    }
  }

  /**
   * Waits (bounded) until the JIT compilers of both JVMs go quiet, so the first measurements do not
   * share two cores with a backlog of C2 compilations left by the warm-up.
   */
  private void settleJit(ServerHost host) throws Exception {
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.MILLISECONDS.toNanos(opt.jitSettleMaxMs);
    long a = Payloads.jitMillis();
    long b = host.jitMillis();
    boolean quiet = false;
    while (System.nanoTime() < end) {
      Thread.sleep(500);
      long a2 = Payloads.jitMillis();
      long b2 = host.jitMillis();
      if (a2 - a < 20 && b2 - b < 20) {
        quiet = true;
        break;
      }
      a = a2;
      b = b2;
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    log("JIT %s after %d ms", quiet ? "quiet" : "still busy", ms);
    results.notes.add("After warm-up the run waited " + ms + " ms for both JVMs' JIT compilers to go quiet"
        + (quiet ? "." : " (cap reached; still compiling)."));
  }

  /** Whether system {@code s} runs in cell {@code c} (a workload it implements and does not declare not applicable). */
  private void runCell(ServerHost host, Cell c, int cellIndex, List<String> names) throws Exception {
    List<String> members = new ArrayList<>();
    for (String n : names) {
      if (applies(clients.get(n), c)) {
        members.add(n);
      }
    }
    if (members.isEmpty()) {
      results.skipped.put(c, "no selected system supports it");
      return;
    }
    boolean push = c.workload().equals("push");
    Map<String, PushSet> pushSets = new LinkedHashMap<>();
    try {
      if (push) {
        // Open every system's push sessions once; rounds then start and stop the push only.
        for (String n : members) {
          if (elapsed() + setupEstimate(c) > opt.budgetSeconds) {
            break;
          }
          log("open %d push sessions for %s", c.sessions(), n);
          LongAdder delivered = new LongAdder();
          try {
            BenchSystem.PushSessions ps = clients.get(n).openPushSessions(ServerHost.HOST, host.port(n),
                c.sessions(), opt.ioThreads, delivered);
            pushSets.put(n, new PushSet(ps, delivered));
            waitFor(() -> host.pushSubscribers(n) >= c.sessions(), 60, n + ": push subscribers");
          } catch (Exception e) {
            log("  failed: %s", e);
            pushSets.put(n, new PushSet(null, delivered));
            results.add(new Sample(c, n, 0, new EnumMap<>(Metric.class), 1, "failed to open push sessions: " + e));
          }
        }
      }
      int rounds = c.workload().equals("idle") ? 1 : opt.rounds;
      for (int round = 0; round < rounds; round++) {
        // rotate the order each round (and per cell) so no system always goes first or last
        int shift = (round + cellIndex) % members.size();
        for (int k = 0; k < members.size(); k++) {
          String n = members.get((k + shift) % members.size());
          if (push && (pushSets.get(n) == null || pushSets.get(n).sessions == null)) {
            continue; // not opened (budget) or failed, already recorded
          }
          double need = estimate(c, warmupMs, measureMs);
          if (elapsed() + need > opt.budgetSeconds) {
            results.skipped.put(c, "time budget of " + opt.budgetSeconds + " s reached");
            log("skip %s / %s: time budget", c.label(), n);
            continue;
          }
          log("%-40s round %d  %s", c.label(), round + 1, n);
          Sample s;
          try {
            s = switch (c.workload()) {
              case "unary", "large" -> unary(host, c, n, round);
              case "push" -> push(host, c, n, round, pushSets.get(n).delivered, pushSets.get(n).sessions());
              case "idle" -> idle(host, c, n);
              default -> throw new IllegalStateException(c.workload());
            };
          } catch (Exception e) {
            log("  failed: %s", e);
            s = new Sample(c, n, round, new EnumMap<>(Metric.class), 1, "failed: " + e);
          }
          results.add(s);
          log("  %s", brief(s));
        }
      }
    } finally {
      for (Map.Entry<String, PushSet> e : pushSets.entrySet()) {
        if (e.getValue().sessions != null) {
          try {
            e.getValue().sessions.close();
            String n = e.getKey();
            waitFor(() -> host.pushSubscribers(n) == 0 && host.sessions(n) == 0, 30, n + ": push sessions to close");
          } catch (Exception ex) {
            log("closing push sessions of %s: %s", e.getKey(), ex);
          }
        }
      }
    }
  }

  /** Whether system {@code s} takes part in cell {@code c} (what it supports: push, idle, the connection count). */
  private static boolean applies(BenchSystem s, Cell c) {
    if (s.notApplicable(c.workload()) != null) {
      return false;
    }
    return switch (c.workload()) {
      case "push" -> s.supportsPush();
      case "idle" -> s.supportsIdle();
      case "unary", "large" -> s.supportsConnections(c.connections());
      default -> true;
    };
  }

  private record PushSet(BenchSystem.PushSessions sessions, LongAdder delivered) {
  }

  private static String brief(Sample s) {
    StringBuilder b = new StringBuilder();
    s.values().forEach((m, v) -> b.append(m.label).append('=').append(String.format("%.1f", v)).append(' '));
    if (s.errors() > 0) {
      b.append("errors=").append(s.errors()).append(' ').append(s.note());
    }
    return b.toString();
  }

  private static long jitOf(ServerHost host) {
    try {
      return host.jitMillis();
    } catch (Exception e) {
      return -1;
    }
  }

  private Sample unary(ServerHost host, Cell c, String n, int round) throws Exception {
    byte[] payload = Payloads.make(c.payloadSize());
    try (BenchSystem.Client client = clients.get(n).connect(ServerHost.HOST, host.port(n), c.connections(),
        opt.ioThreads)) {
      long[] cpu = new long[2];
      long[] jit = new long[4];
      boolean external = client instanceof BenchSystem.ExternalLoad;
      LoadOutcome r = runLoad(client, payload, c.callers(), c.connections(), warmupMs, measureMs,
          () -> {
            cpu[0] = external ? serverCpuNanos(host, n) : cpuNanos(host, n);
            jit[0] = Payloads.jitMillis();
            jit[1] = jitOf(host);
          },
          () -> {
            cpu[1] = external ? serverCpuNanos(host, n) : cpuNanos(host, n);
            jit[2] = Payloads.jitMillis();
            jit[3] = jitOf(host);
          });
      log("%s %s round %d: JIT during the measured phase %d ms (clients), %d ms (servers)", c.label(), n, round,
          jit[2] - jit[0], jit[3] - jit[1]);
      Map<Metric, Double> v = new EnumMap<>(Metric.class);
      long used = cpu[1] - cpu[0] + (external ? r.externalCpu() : 0);
      if (r.calls() > 0 && cpu[0] >= 0 && cpu[1] >= cpu[0] && (!external || r.externalCpu() >= 0)) {
        v.put(Metric.CPU_PER_MCALL, used / 1e9 / r.calls() * 1e6);
      }
      double tput = r.callsPerSecond();
      if (c.workload().equals("large")) {
        tput = tput * c.payloadSize() / (1024.0 * 1024.0);
      }
      v.put(Metric.THROUGHPUT, tput);
      if (r.calls() > 0) {
        v.put(Metric.P50, r.p50() / 1000.0);
        v.put(Metric.P99, r.p99() / 1000.0);
        v.put(Metric.P999, r.p999() / 1000.0);
      }
      return new Sample(c, n, round, v, r.errors(), r.firstError());
    }
  }

  /**
   * One push measurement on sessions already open: push for warm-up plus measured time, count what
   * the sessions received in the measured window, stop, then wait until the backlog already in
   * flight has been delivered, so it does not run into the next system's measurement.
   */
  private Sample push(ServerHost host, Cell c, String n, int round, LongAdder delivered,
      BenchSystem.PushSessions receivers) throws Exception {
    long start = delivered.sum();
    host.startPush(n, c.payloadSize());
    long pushed;
    long d0;
    long d1;
    long t0;
    long t1;
    long wall0;
    long wall1;
    try {
      Thread.sleep(warmupMs);
      d0 = delivered.sum();
      wall0 = BenchSystem.TimedPushCount.wallNanos();
      t0 = System.nanoTime();
      Thread.sleep(measureMs);
      d1 = delivered.sum();
      wall1 = BenchSystem.TimedPushCount.wallNanos();
      t1 = System.nanoTime();
    } finally {
      pushed = host.stopPush(n);
    }
    if (receivers instanceof BenchSystem.TimedPushCount timed) { // counted in another process: by its clock
      d0 = timed.countAt(wall0);
      d1 = timed.countAt(wall1);
    }
    long drained = waitQuiet(delivered, 5_000);
    Map<Metric, Double> v = new EnumMap<>(Metric.class);
    v.put(Metric.THROUGHPUT, (d1 - d0) / ((t1 - t0) / 1e9));
    String note = String.format("server pushed %d (counted when told to stop); sessions received %d (%d in the"
        + " window), the last of them %d ms after the push stopped", pushed, delivered.sum() - start, d1 - d0, drained);
    return new Sample(c, n, round, v, 0, note);
  }

  /** Waits until {@code counter} stops moving for 400 ms (at most {@code maxMs}); returns ms waited. */
  private static long waitQuiet(LongAdder counter, long maxMs) throws InterruptedException {
    long t0 = System.nanoTime();
    long last = counter.sum();
    long lastChange = t0;
    while (true) {
      Thread.sleep(50);
      long now = System.nanoTime();
      long v = counter.sum();
      if (v != last) {
        last = v;
        lastChange = now;
      } else if (now - lastChange > TimeUnit.MILLISECONDS.toNanos(400)
          || now - t0 > TimeUnit.MILLISECONDS.toNanos(maxMs)) {
        return TimeUnit.NANOSECONDS.toMillis(lastChange - t0);
      }
    }
  }

  private Sample idle(ServerHost host, Cell c, String n) throws Exception {
    int count = c.sessions();
    java.util.concurrent.CompletableFuture<Long> sb = heapAsync(host);
    long clientBefore = Payloads.heapUsedAfterGc();
    long serverBefore = sb.get();
    long goServerHeapBefore = host.extraHeapBytes(n);
    AutoCloseable sessions = clients.get(n).openIdleSessions(ServerHost.HOST, host.port(n), count, opt.ioThreads);
    try {
      waitFor(() -> host.sessions(n) >= count, 120, n + ": " + count + " idle sessions");
      Thread.sleep(500);
      java.util.concurrent.CompletableFuture<Long> sa = heapAsync(host);
      long clientAfter = Payloads.heapUsedAfterGc();
      long serverAfter = sa.get();
      Reference.reachabilityFence(sessions);
      long goServer = host.extraHeapBytes(n);
      if (goServer >= 0) { // the server is the Go peer: its own heap, not the agent JVM's
        serverBefore = goServerHeapBefore;
        serverAfter = goServer;
      }
      if (sessions instanceof BenchSystem.ExternalIdle ext) { // the clients are the Go peer's
        clientBefore = ext.before();
        clientAfter = ext.after();
      }
      Map<Metric, Double> v = new EnumMap<>(Metric.class);
      // in-process, the "server" figure is the one JVM holding both ends
      v.put(Metric.SERVER_BYTES, (serverAfter - serverBefore) / (double) count);
      if (!opt.inProcess) {
        v.put(Metric.CLIENT_BYTES, (clientAfter - clientBefore) / (double) count);
      }
      return new Sample(c, n, 0, v, 0, String.format("server heap %,d -> %,d; client heap %,d -> %,d",
          serverBefore, serverAfter, clientBefore, clientAfter));
    } finally {
      sessions.close();
      waitFor(() -> host.sessions(n) == 0, 60, n + ": idle sessions to close");
    }
  }

  /**
   * CPU time (user + system) of this process plus the server process(es) of {@code system}, from
   * the OS's accounting ({@code /proc/<pid>/stat} via ProcessHandle); -1 if unknown. In-process the
   * one JVM is counted once.
   */
  private long cpuNanos(ServerHost host, String system) {
    try {
      long self = Payloads.cpuNanos(ProcessHandle.current().pid());
      long server = host.cpuNanos(system);
      return self < 0 || server < 0 ? -1 : self + server;
    } catch (Exception e) {
      return -1;
    }
  }

  /** CPU of the server side only: the agent JVM and its outside processes (in-process: this JVM too). */
  private long serverCpuNanos(ServerHost host, String system) {
    try {
      long server = host.cpuNanos(system);
      if (opt.inProcess) {
        long self = Payloads.cpuNanos(ProcessHandle.current().pid());
        return self < 0 || server < 0 ? -1 : self + server;
      }
      return server;
    } catch (Exception e) {
      return -1;
    }
  }

  /** The server JVM's heap, measured while this JVM measures its own (in-process: the same figure twice). */
  private java.util.concurrent.CompletableFuture<Long> heapAsync(ServerHost host) {
    if (opt.inProcess) {
      return java.util.concurrent.CompletableFuture.completedFuture(Payloads.heapUsedAfterGc());
    }
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return host.heapUsedAfterGc();
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check, long seconds, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!check.ok()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static String timestamp() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
  }
}
