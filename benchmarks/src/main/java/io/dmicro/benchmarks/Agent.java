package io.dmicro.benchmarks;

import io.dmicro.benchmarks.systems.BenchSystem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server JVM. Usage (by {@link ServerHost.Forked} only): {@code Agent <systems,comma,separated>
 * <ioThreads> <maxSeconds>}. Starts every system's server on 127.0.0.1, prints
 * {@code READY name=port ...}, then answers one line per command read on stdin: {@code HEAP}, {@code JIT},
 * {@code SESSIONS s}, {@code SUBSCRIBERS s}, {@code PUSH_START s size}, {@code PUSH_STOP s},
 * {@code QUIT}. Exits on QUIT, on end of stdin (the harness died) or after maxSeconds.
 */
public final class Agent {
  private Agent() {
  }

  public static void main(String[] args) throws Exception {
    Payloads.quietNetty();
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err); // nothing but protocol lines on the real stdout
    long maxSeconds = Long.parseLong(args[2]);
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(maxSeconds * 1000);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("agent: lifetime of " + maxSeconds + " s reached, exiting");
      Runtime.getRuntime().halt(3);
    }, "agent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    Map<String, BenchSystem.Factory> registry = BenchmarkMain.registry();
    Map<String, BenchSystem.Server> servers = new LinkedHashMap<>();
    StringBuilder ready = new StringBuilder("READY");
    try {
      for (String n : args[0].split(",")) {
        BenchSystem.Server s = registry.get(n).create().startServer(ServerHost.HOST, 0, Integer.parseInt(args[1]));
        servers.put(n, s);
        ready.append(' ').append(n).append('=').append(s.port());
      }
    } catch (Throwable t) {
      out.println("ERR " + t.toString().replace('\n', ' '));
      t.printStackTrace();
      Runtime.getRuntime().halt(2);
    }
    out.println(ready);

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] c = line.trim().split(" ");
      try {
        switch (c[0]) {
          case "HEAP" -> out.println("HEAP " + Payloads.heapUsedAfterGc());
          case "JIT" -> out.println("JIT " + Payloads.jitMillis());
          case "HEAPX" -> out.println("HEAPX " + servers.get(c[1]).extraHeapBytes());
          case "CPU" -> {
            long self = Payloads.cpuNanos(ProcessHandle.current().pid());
            out.println("CPU " + (self < 0 ? -1 : self + servers.get(c[1]).extraCpuNanos()));
          }
          case "SESSIONS" -> out.println("SESSIONS " + servers.get(c[1]).sessionCount());
          case "SUBSCRIBERS" -> out.println("SUBSCRIBERS " + servers.get(c[1]).pushSubscriberCount());
          case "PUSH_START" -> {
            servers.get(c[1]).startPush(Payloads.make(Integer.parseInt(c[2])));
            out.println("OK");
          }
          case "PUSH_STOP" -> out.println("PUSHED " + servers.get(c[1]).stopPush());
          case "QUIT" -> {
            closeAll(servers);
            out.println("BYE");
            Runtime.getRuntime().halt(0);
          }
          default -> out.println("ERR unknown command " + c[0]);
        }
      } catch (Throwable t) {
        out.println("ERR " + t.toString().replace('\n', ' '));
      }
    }
    closeAll(servers);
    Runtime.getRuntime().halt(0);
  }

  private static void closeAll(Map<String, BenchSystem.Server> servers) {
    for (BenchSystem.Server s : servers.values()) {
      try {
        s.close();
      } catch (Exception e) {
        System.err.println("agent: close: " + e);
      }
    }
  }
}
