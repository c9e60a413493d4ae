package io.dmicro.benchmarks.systems;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One process of the Go original's bench peer ({@code interop/go/cmd/benchpeer}, DMicro v1.3.1),
 * built by {@link #build} once per run with {@code go build}. Lines it prints are queued; the
 * process dies with the JVM that started it (its stdin closes).
 */
final class GoPeer implements AutoCloseable {
  /** Where the harness builds the binary and the agent finds it: benchmarks/target/benchpeer. */
  static final String PROPERTY = "bench.goPeer";

  private final Process process;
  private final Writer in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  GoPeer(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().toString());
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          lines.add(l);
        }
      } catch (IOException ignored) {
        // gone
      }
      lines.add("EOF");
    }, "go-peer-reader");
    t.setDaemon(true);
    t.start();
  }

  long pid() {
    return process.pid();
  }

  /** The next line starting with {@code prefix} (other lines, such as the original's route log, are skipped). */
  String await(String prefix, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String l = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new IllegalStateException("go bench peer: no " + prefix + " line within " + seconds + " s");
      }
      if (l.equals("EOF")) {
        throw new IllegalStateException("go bench peer exited (code " + process.waitFor() + ") before " + prefix);
      }
      if (l.startsWith(prefix)) {
        return l.substring(prefix.length()).trim();
      }
    }
  }

  synchronized String ask(String command, String prefix) throws Exception {
    in.write(command + "\n");
    in.flush();
    return await(prefix, 60);
  }

  static Path binary() {
    String p = System.getProperty(PROPERTY);
    if (p == null) {
      throw new IllegalStateException("the Go bench peer was not built (no go on PATH?)");
    }
    return Path.of(p);
  }

  /**
   * Builds interop/go/cmd/benchpeer into {@code out} with {@code go build} (module pinned to
   * DMicro v1.3.1 by interop/go/go.sum) and sets {@link #PROPERTY}; returns a reason on failure.
   */
  static String build(Path repoRoot, Path out) {
    Path module = repoRoot.resolve("interop/go");
    if (!Files.isDirectory(module)) {
      return "no interop/go module under " + repoRoot;
    }
    try {
      Process p = new ProcessBuilder("go", "build", "-o", out.toString(), "./cmd/benchpeer")
          .directory(module.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "go build failed: " + output.strip();
      }
      System.setProperty(PROPERTY, out.toString());
      return null;
    } catch (IOException e) {
      return "go not found: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** CPU nanoseconds (user + system) of this process so far, from /proc; -1 if gone. */
  long cpuNanos() {
    return procCpuNanos(process.pid());
  }

  static long procCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // gone
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static String sep() {
    return File.separator;
  }
}
