package io.dmicro.benchmarks;

import io.dmicro.benchmarks.systems.BenchSystem;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Where the servers run: a forked agent JVM (default) or this JVM ({@code --in-process}). */
interface ServerHost extends AutoCloseable {
  String HOST = "127.0.0.1";

  int port(String system);

  /** Heap in use in the server JVM after full GCs. */
  long heapUsedAfterGc() throws Exception;

  int sessions(String system) throws Exception;

  /** Total JIT compilation time of the server JVM so far, in ms. */
  long jitMillis() throws Exception;

  int pushSubscribers(String system) throws Exception;

  /**
   * CPU nanoseconds (user + system) the server side of {@code system} has used: the agent JVM
   * (all its servers; the others are idle meanwhile) plus any process the server runs outside it.
   * In-process: only the outside processes (the caller counts its own JVM).
   */
  long cpuNanos(String system) throws Exception;

  /** Heap of a server that runs outside the JVM (Go), after a GC; -1 for servers in the JVM. */
  long extraHeapBytes(String system) throws Exception;


  void startPush(String system, int size) throws Exception;

  long stopPush(String system) throws Exception;

  String describe();

  @Override
  void close();

  /** Servers in this JVM. */
  final class Local implements ServerHost {
    private final Map<String, BenchSystem> systems = new LinkedHashMap<>();
    private final Map<String, BenchSystem.Server> servers = new LinkedHashMap<>();

    Local(Map<String, BenchSystem.Factory> registry, List<String> names, int ioThreads) throws Exception {
      for (String n : names) {
        BenchSystem s = registry.get(n).create();
        systems.put(n, s);
        servers.put(n, s.startServer(HOST, 0, ioThreads));
      }
    }

    BenchSystem.Server server(String n) {
      return servers.get(n);
    }

    @Override
    public int port(String system) {
      return servers.get(system).port();
    }

    @Override
    public long heapUsedAfterGc() {
      return Payloads.heapUsedAfterGc();
    }

    @Override
    public int sessions(String system) {
      return servers.get(system).sessionCount();
    }

    @Override
    public long cpuNanos(String system) {
      return servers.get(system).extraCpuNanos();
    }

    @Override
    public long extraHeapBytes(String system) {
      return servers.get(system).extraHeapBytes();
    }

    @Override
    public long jitMillis() {
      return Payloads.jitMillis();
    }

    @Override
    public int pushSubscribers(String system) {
      return servers.get(system).pushSubscriberCount();
    }

    @Override
    public void startPush(String system, int size) {
      servers.get(system).startPush(Payloads.make(size));
    }

    @Override
    public long stopPush(String system) {
      return servers.get(system).stopPush();
    }

    @Override
    public String describe() {
      return "in the harness JVM (--in-process)";
    }

    @Override
    public void close() {
      for (Map.Entry<String, BenchSystem.Server> e : servers.entrySet()) {
        try {
          e.getValue().close();
          systems.get(e.getKey()).close();
        } catch (Exception ex) {
          System.err.println("closing " + e.getKey() + ": " + ex);
        }
      }
    }
  }

  /** Servers in a forked JVM started with this JVM's flags; driven by one-line commands on its stdin. */
  final class Forked implements ServerHost {
    private final Process process;
    private final Writer toAgent;
    private final BlockingQueue<String> fromAgent = new LinkedBlockingQueue<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> jvmFlags;

    Forked(List<String> names, int ioThreads, long maxSeconds) throws Exception {
      String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      jvmFlags = sameJvmFlags();
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.addAll(jvmFlags);
      if (System.getProperty("bench.goPeer") != null) {
        cmd.add("-Dbench.goPeer=" + System.getProperty("bench.goPeer"));
      }
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Agent.class.getName());
      cmd.add(String.join(",", names));
      cmd.add(Integer.toString(ioThreads));
      cmd.add(Long.toString(maxSeconds));
      process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      toAgent = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            fromAgent.add(line);
          }
        } catch (IOException ignored) {
          // agent gone
        }
        fromAgent.add("EOF");
      }, "agent-reader");
      reader.setDaemon(true);
      reader.start();
      String ready = await(60);
      if (!ready.startsWith("READY")) {
        close();
        throw new IllegalStateException("agent failed to start: " + ready);
      }
      for (String kv : ready.substring(5).trim().split(" ")) {
        String[] p = kv.split("=");
        ports.put(p[0], Integer.parseInt(p[1]));
      }
    }

    /** This JVM's own flags (minus debugger agents), so both sides run alike. */
    static List<String> sameJvmFlags() {
      List<String> out = new ArrayList<>();
      for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp") && !a.startsWith("-javaagent")) {
          out.add(a);
        }
      }
      return out;
    }

    private String await(long seconds) throws InterruptedException {
      String s = fromAgent.poll(seconds, TimeUnit.SECONDS);
      if (s == null) {
        throw new IllegalStateException("agent did not answer within " + seconds + " s");
      }
      return s;
    }

    private synchronized String ask(String command) throws Exception {
      toAgent.write(command + "\n");
      toAgent.flush();
      String r = await(120);
      if (r.startsWith("ERR") || r.equals("EOF")) {
        throw new IllegalStateException("agent: " + command + " -> " + r);
      }
      return r;
    }

    private long askLong(String command) throws Exception {
      String r = ask(command);
      return Long.parseLong(r.substring(r.indexOf(' ') + 1).trim());
    }

    @Override
    public int port(String system) {
      return ports.get(system);
    }

    @Override
    public long heapUsedAfterGc() throws Exception {
      return askLong("HEAP");
    }

    @Override
    public int sessions(String system) throws Exception {
      return (int) askLong("SESSIONS " + system);
    }

    @Override
    public long jitMillis() throws Exception {
      return askLong("JIT");
    }

    @Override
    public long cpuNanos(String system) throws Exception {
      return askLong("CPU " + system);
    }

    @Override
    public long extraHeapBytes(String system) throws Exception {
      return askLong("HEAPX " + system);
    }

    @Override
    public int pushSubscribers(String system) throws Exception {
      return (int) askLong("SUBSCRIBERS " + system);
    }

    @Override
    public void startPush(String system, int size) throws Exception {
      ask("PUSH_START " + system + " " + size);
    }

    @Override
    public long stopPush(String system) throws Exception {
      return askLong("PUSH_STOP " + system);
    }

    @Override
    public String describe() {
      return "in a forked agent JVM (pid " + process.pid() + ") with the same flags"
          + (jvmFlags.isEmpty() ? " (none)" : ": " + String.join(" ", jvmFlags));
    }

    @Override
    public void close() {
      try {
        toAgent.write("QUIT\n");
        toAgent.flush();
        toAgent.close();
      } catch (IOException ignored) {
        // already gone
      }
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroy();
          if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
