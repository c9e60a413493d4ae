package io.dmicro.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options. Defaults are the full run; {@code --quick} is a short smoke run. */
final class Options {
  boolean quick;
  List<String> systems = new ArrayList<>(); // empty: every registered system
  List<String> workloads = new ArrayList<>(List.of("unary", "large", "push", "idle"));
  int rounds = 3;
  long warmupMs = 1000;
  long measureMs = 2000;
  long globalWarmupMs = 4000;
  long jitSettleMaxMs = 20_000;
  int ioThreads = 2;
  int[] callers = {1, 16, 128};
  int[] connections = {1, 4};
  int smallSize = 100;
  int largeSize = 1 << 20;
  int largeCallers = 4;
  int pushSessions = 1000;
  int pushSize = 100;
  int idleSessions = 10_000;
  long maxCallsPerMeasurement = 50_000_000L;
  long budgetSeconds = 570;
  boolean inProcess;
  Path out;
  String commandLine = "";

  static final String USAGE = """
      Usage: java -jar benchmarks/target/benchmarks.jar [options]
        --quick                 ~1.5 minute smoke run (1 round, short phases, 1,000 idle sessions)
        --systems a,b,...       systems to run, in report order (default: all registered: %s)
        --workloads w,...       any of unary,large,push,idle (default: all)
        --rounds N              rounds per measurement, systems rotated each round (default 3)
        --warmup-ms N           warm-up before each measurement (default 1000)
        --measure-ms N          measured time per measurement (default 2000)
        --io-threads N          event-loop threads on each side, every system (default 2)
        --callers 1,16,128      concurrent callers for the small unary call
        --connections 1,4       connection counts for the small unary call
        --idle-sessions N       idle sessions to open (default 10000)
        --push-sessions N       push fan-out sessions (default 1000)
        --global-warmup-ms N    JIT warm-up per system before anything is measured (default 4000)
  --budget-s N            time budget; phases shrink to fit, later ones are skipped past it (default 570)
        --in-process            run servers in this JVM instead of a forked agent JVM (debugging)
        --out DIR               report directory (default benchmarks/results)
      """;

  static Options parse(String[] args) {
    Options o = new Options();
    o.commandLine = String.join(" ", args);
    List<String> a = Arrays.asList(args);
    if (a.contains("--quick")) {
      o.quick = true;
      o.rounds = 1;
      o.warmupMs = 200;
      o.measureMs = 700;
      o.globalWarmupMs = 1200;
      o.jitSettleMaxMs = 8000;
      o.idleSessions = 1000;
      o.budgetSeconds = 150;
    }
    for (int i = 0; i < args.length; i++) {
      String k = args[i];
      switch (k) {
        case "--quick" -> { }
        case "--systems" -> o.systems = List.of(args[++i].split(","));
        case "--workloads" -> o.workloads = List.of(args[++i].split(","));
        case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
        case "--warmup-ms" -> o.warmupMs = Long.parseLong(args[++i]);
        case "--measure-ms" -> o.measureMs = Long.parseLong(args[++i]);
        case "--io-threads" -> o.ioThreads = Integer.parseInt(args[++i]);
        case "--callers" -> o.callers = ints(args[++i]);
        case "--connections" -> o.connections = ints(args[++i]);
        case "--idle-sessions" -> o.idleSessions = Integer.parseInt(args[++i]);
        case "--push-sessions" -> o.pushSessions = Integer.parseInt(args[++i]);
        case "--budget-s" -> o.budgetSeconds = Long.parseLong(args[++i]);
        case "--global-warmup-ms" -> o.globalWarmupMs = Long.parseLong(args[++i]);
        case "--in-process" -> o.inProcess = true;
        case "--out" -> o.out = Path.of(args[++i]);
        case "-h", "--help" -> {
          System.out.printf(USAGE, String.join(",", BenchmarkMain.registry().keySet()));
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("unknown option " + k + "\n"
            + String.format(USAGE, String.join(",", BenchmarkMain.registry().keySet())));
      }
    }
    return o;
  }

  private static int[] ints(String s) {
    return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
