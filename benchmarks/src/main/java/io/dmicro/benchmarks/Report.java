package io.dmicro.benchmarks;

import io.dmicro.benchmarks.Results.Cell;
import io.dmicro.benchmarks.Results.Metric;
import io.dmicro.benchmarks.Results.Sample;
import io.dmicro.benchmarks.Results.SystemInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes results/&lt;date&gt;.md, results/latest.md, the PNG chart, and prints the Markdown. */
final class Report {
  private Report() {
  }

  static void write(Results r, Options o, long warmupMs, long measureMs, double seconds) throws IOException {
    Path dir = o.out != null ? o.out : defaultDir();
    Files.createDirectories(dir);
    String stamp = BenchmarkMain.timestamp() + (o.quick ? "-quick" : "");
    Path png = dir.resolve(stamp + ".png");
    String chartNote;
    try {
      Chart.write(r, png);
      Files.copy(png, dir.resolve("latest.png"), StandardCopyOption.REPLACE_EXISTING);
      chartNote = null;
    } catch (Throwable t) {
      chartNote = "Chart not written: " + t;
      BenchmarkMain.log("%s", chartNote);
    }
    String md = markdown(r, o, warmupMs, measureMs, seconds, stamp, chartNote);
    Files.writeString(dir.resolve(stamp + ".md"), md.replace("](latest.png)", "](" + stamp + ".png)"),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("latest.md"), md, StandardCharsets.UTF_8);
    System.out.println(md);
    BenchmarkMain.log("report: %s and %s", dir.resolve(stamp + ".md"), dir.resolve("latest.md"));
    if (chartNote == null) {
      BenchmarkMain.log("chart:  %s and %s", png, dir.resolve("latest.png"));
    }
  }

  /** benchmarks/results, found from where this class was loaded (benchmarks/target/...); else ./results. */
  static Path defaultDir() {
    try {
      Path p = Path.of(Report.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
      for (Path q = p; q != null; q = q.getParent()) {
        if (q.getFileName() != null && q.getFileName().toString().equals("target") && q.getParent() != null) {
          return q.getParent().resolve("results");
        }
      }
    } catch (URISyntaxException | RuntimeException ignored) {
      // fall through
    }
    return Path.of("results");
  }

  static String markdown(Results r, Options o, long warmupMs, long measureMs, double seconds, String stamp,
      String chartNote) {
    StringBuilder b = new StringBuilder();
    b.append("# DMicro benchmarks: ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
        .append(o.quick ? " (quick smoke run: one round, short phases; indicative only)" : "").append("\n\n");
    boolean hasDrpc = r.systems.stream().anyMatch(s -> s.family().equals("drpc"));
    if (!hasDrpc) {
      b.append("> drpc is not registered in this build (see `BenchmarkMain.registry()`): the ratio columns show"
          + " every system against gRPC-java of the same codec and against the bare-Netty ceiling.\n\n");
    }
    b.append("Command: `java -jar benchmarks/target/benchmarks.jar")
        .append(o.commandLine.isEmpty() ? "" : " " + o.commandLine).append("`; wall time ").append(String.format(Locale.ROOT, "%.0f", seconds))
        .append(" s.\n\n");
    b.append("Machine and settings:\n\n");
    b.append("- ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append(", JVM flags: `").append(ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty() ? "(none)"
            : String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())).append("`, max heap ")
        .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB.\n");
    b.append("- Loopback only (127.0.0.1). ").append(o.ioThreads)
        .append(" I/O (event-loop) threads on each side for every system; Netty leak detection disabled.\n");
    b.append("- Each measurement: fresh connection(s), ").append(warmupMs).append(" ms warm-up, then ")
        .append(measureMs).append(" ms measured; ").append(o.rounds)
        .append(" round(s), the system order rotated every round; every system first warmed up for ")
        .append(o.globalWarmupMs).append(" ms.\n");
    b.append("- Closed loop: each caller has one call outstanding and issues the next from the completion.\n");
    for (String n : r.notes) {
      b.append("- ").append(n).append('\n');
    }
    b.append("\nSystems:\n\n| system | what runs |\n|---|---|\n");
    for (SystemInfo s : r.systems) {
      b.append("| ").append(s.name()).append(" | ").append(s.description()).append(" |\n");
    }
    b.append("\nRatios (`x gRPC`, `x ceiling`): for each round, the system's figure divided by its partner's figure"
        + " from the same round (gRPC-java of the same codec; bare Netty); the table shows the median over rounds."
        + " Throughput: above 1 is better. Latency and heap: below 1 is better. Values are medians over rounds.\n");
    b.append("\nCPU cost (`CPU s/10^6 calls`): user + system CPU seconds of both processes (the harness JVM with the"
        + " clients, the server process(es)) over the measured phase, from the OS's accounting (/proc/<pid>/stat,"
        + " 10 ms ticks), per million calls. The agent JVM holds every system's server, idle but for the one"
        + " measured. Unlike calls/s it barely moves when other processes share the cores.\n");

    section(b, r, "unary", "Small unary call (" + o.smallSize + " B each way)", true, true);
    section(b, r, "large", "Large payload (1 MiB each way; MiB/s = calls/s x 1 MiB)", false, true);
    if (r.cells.stream().anyMatch(c -> c.workload().equals("large"))) {
      b.append("\nAt 1 MiB every system, the ceiling included, copies each body through the kernel twice per"
          + " direction and into and out of a `byte[]`: memory copies bound all of them alike.\n");
    }
    pairs(b, r);
    section(b, r, "push", "Server push fan-out (one endpoint pushing to " + o.pushSessions
        + " sessions; messages per second delivered)", false, false);
    idleSection(b, r, o);

    if (!r.skipped.isEmpty()) {
      b.append("\nSkipped:\n\n");
      r.skipped.forEach((c, why) -> b.append("- ").append(c.label()).append(": ").append(why).append('\n'));
    }
    b.append("\n## Chart\n\n");
    if (chartNote == null) {
      b.append("![throughput and p99 per workload](latest.png)\n");
    } else {
      b.append(chartNote).append('\n');
    }
    raw(b, r);
    return b.toString();
  }

  private static void section(StringBuilder b, Results r, String workload, String title, boolean showCell,
      boolean latency) {
    List<Cell> cells = r.cells.stream().filter(c -> c.workload().equals(workload)).toList();
    if (cells.isEmpty()) {
      return;
    }
    b.append("\n## ").append(title).append("\n\n");
    String unit = cells.get(0).unit();
    b.append(showCell ? "| callers | conns " : "").append("| system | ").append(unit).append(" | x gRPC | x ceiling ");
    if (latency) {
      b.append("| p50 | p99 | p99.9 | p99 x gRPC | p99 x ceiling | CPU s/10^6 calls | CPU x ceiling ");
    }
    b.append("| errors |\n");
    b.append(showCell ? "|---:|---:" : "").append("|---|---:|---:|---:");
    if (latency) {
      b.append("|---:|---:|---:|---:|---:|---:|---:");
    }
    b.append("|---:|\n");
    Optional<String> ceiling = r.ceiling();
    for (Cell c : cells) {
      for (SystemInfo s : r.systems) {
        List<Sample> ss = r.of(c, s.name());
        if (ss.isEmpty()) {
          continue;
        }
        Optional<String> grpc = r.grpcPartner(s.name());
        if (showCell) {
          b.append("| ").append(c.callers()).append(" | ").append(c.connections()).append(' ');
        }
        b.append("| ").append(s.family().equals("drpc") ? "**" + s.name() + "**" : s.name())
            .append(" | ").append(num(r.median(c, s.name(), Metric.THROUGHPUT)))
            .append(" | ").append(ratio(r.ratio(c, s.name(), grpc, Metric.THROUGHPUT)))
            .append(" | ").append(ratio(r.ratio(c, s.name(), ceiling, Metric.THROUGHPUT))).append(' ');
        if (latency) {
          b.append("| ").append(lat(r.median(c, s.name(), Metric.P50)))
              .append(" | ").append(lat(r.median(c, s.name(), Metric.P99)))
              .append(" | ").append(lat(r.median(c, s.name(), Metric.P999)))
              .append(" | ").append(ratio(r.ratio(c, s.name(), grpc, Metric.P99)))
              .append(" | ").append(ratio(r.ratio(c, s.name(), ceiling, Metric.P99)))
              .append(" | ").append(cpu(r.median(c, s.name(), Metric.CPU_PER_MCALL)))
              .append(" | ").append(ratio(r.ratio(c, s.name(), ceiling, Metric.CPU_PER_MCALL))).append(' ');
        }
        long err = r.errors(c, s.name());
        b.append("| ").append(err == 0 ? "0" : err + " (" + r.firstNote(c, s.name()).replace('|', '/') + ")")
            .append(" |\n");
      }
    }
    notApplicable(b, r, workload);
  }

  /** The systems a workload does not apply to, each with its reason, under that workload's table. */
  private static void notApplicable(StringBuilder b, Results r, String workload) {
    boolean first = true;
    for (SystemInfo s : r.systems) {
      String why = s.notApplicable().get(workload);
      if (why != null) {
        b.append(first ? "\nNot applicable:\n\n" : "").append("- `").append(s.name()).append("`: ").append(why)
            .append(".\n");
        first = false;
      }
    }
  }

  /**
   * The paired systems ({@code drpc-spring x drpc-json}): each figure divided by the partner's from the
   * same round, on every unary and 1 MiB cell both ran.
   */
  private static void pairs(StringBuilder b, Results r) {
    List<SystemInfo> paired = r.systems.stream().filter(s -> r.partner(s.name()).isPresent()).toList();
    List<Cell> cells = r.cells.stream().filter(c -> c.workload().equals("unary") || c.workload().equals("large"))
        .toList();
    if (paired.isEmpty() || cells.isEmpty()) {
      return;
    }
    b.append("\n## Paired systems (the same work another way; same-round ratios, median over rounds)\n\n");
    b.append("`drpc-spring x drpc-json` is the Spring path (`@DrpcService` called through a `@DrpcClient`) against"
        + " core sessions: the goal is within 15%, throughput x >= 0.85.\n\n");
    b.append("| cell | system | x partner | throughput x | p99 x | CPU s/10^6 calls x |\n");
    b.append("|---|---|---|---:|---:|---:|\n");
    for (Cell c : cells) {
      for (SystemInfo s : paired) {
        Optional<String> partner = r.partner(s.name());
        if (r.of(c, s.name()).isEmpty() || r.of(c, partner.get()).isEmpty()) {
          continue;
        }
        b.append("| ").append(c.chartLabel()).append(" | ").append(s.name()).append(" | x ").append(partner.get())
            .append(" | ").append(ratio(r.ratio(c, s.name(), partner, Metric.THROUGHPUT)))
            .append(" | ").append(ratio(r.ratio(c, s.name(), partner, Metric.P99)))
            .append(" | ").append(ratio(r.ratio(c, s.name(), partner, Metric.CPU_PER_MCALL))).append(" |\n");
      }
    }
  }

  private static void idleSection(StringBuilder b, Results r, Options o) {
    List<Cell> cells = r.cells.stream().filter(c -> c.workload().equals("idle")).toList();
    if (cells.isEmpty()) {
      return;
    }
    Cell c = cells.get(0);
    b.append("\n## Idle sessions (heap bytes per open idle session, measured at ").append(String.format("%,d",
        c.sessions())).append(" sessions)\n\n");
    if (o.inProcess) {
      b.append("Both ends in one JVM (--in-process): the figure is server and client ends together.\n\n");
    } else {
      b.append("Server ends in the agent JVM, client ends in the harness JVM (each JVM holds ")
          .append(String.format("%,d", c.sessions()))
          .append(" descriptors, within the 20,000 limit). Heap used after full GCs, with the sessions open, minus"
              + " the same before they opened, divided by the session count. Off-heap (direct) buffers are not"
              + " counted.\n\n");
    }
    b.append("| system | server B/session | x gRPC | x ceiling | client B/session | x gRPC | x ceiling | note |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    Optional<String> ceiling = r.ceiling();
    for (SystemInfo s : r.systems) {
      if (r.of(c, s.name()).isEmpty()) {
        continue;
      }
      Optional<String> grpc = r.grpcPartner(s.name());
      b.append("| ").append(s.name())
          .append(" | ").append(num(r.median(c, s.name(), Metric.SERVER_BYTES)))
          .append(" | ").append(ratio(r.ratio(c, s.name(), grpc, Metric.SERVER_BYTES)))
          .append(" | ").append(ratio(r.ratio(c, s.name(), ceiling, Metric.SERVER_BYTES)))
          .append(" | ").append(num(r.median(c, s.name(), Metric.CLIENT_BYTES)))
          .append(" | ").append(ratio(r.ratio(c, s.name(), grpc, Metric.CLIENT_BYTES)))
          .append(" | ").append(ratio(r.ratio(c, s.name(), ceiling, Metric.CLIENT_BYTES)))
          .append(" | ").append(r.firstNote(c, s.name()).replace('|', '/')).append(" |\n");
    }
    notApplicable(b, r, "idle");
  }

  private static void raw(StringBuilder b, Results r) {
    b.append("\n## Raw figures, per round\n\n| workload | system | round | throughput | p99 | errors | note |\n"
        + "|---|---|---:|---:|---:|---:|---|\n");
    for (Sample s : r.samples) {
      b.append("| ").append(s.cell().chartLabel()).append(" | ").append(s.system()).append(" | ")
          .append(s.round() + 1).append(" | ")
          .append(num(s.values().getOrDefault(Metric.THROUGHPUT,
              s.values().getOrDefault(Metric.SERVER_BYTES, Double.NaN))))
          .append(" | ").append(lat(s.values().getOrDefault(Metric.P99, Double.NaN)))
          .append(" | ").append(s.errors())
          .append(" | ").append(s.note() == null ? "" : s.note().replace('|', '/')).append(" |\n");
    }
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String cpu(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String ratio(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  /** Latency given in microseconds. */
  static String lat(double us) {
    if (Double.isNaN(us)) {
      return "-";
    }
    if (us >= 10_000) {
      return String.format(Locale.ROOT, "%.0f ms", us / 1000);
    }
    if (us >= 1000) {
      return String.format(Locale.ROOT, "%.1f ms", us / 1000);
    }
    return String.format(Locale.ROOT, "%.0f us", us);
  }
}
