package io.dmicro.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every measured figure of one run, and the same-round ratios derived from them. */
final class Results {

  /** Metrics: how to name, show and compare them. */
  enum Metric {
    THROUGHPUT("throughput", true),
    P50("p50", false),
    P99("p99", false),
    P999("p99.9", false),
    SERVER_BYTES("server heap B/session", false),
    /** CPU seconds (user + system) of both processes per 10^6 calls in the measured phase, from the OS's accounting. */
    CPU_PER_MCALL("CPU s/10^6 calls", false),
    CLIENT_BYTES("client heap B/session", false);

    final String label;
    final boolean higherIsBetter;

    Metric(String label, boolean higherIsBetter) {
      this.label = label;
      this.higherIsBetter = higherIsBetter;
    }
  }

  /** A workload cell: one row group in the report and one category in the chart. */
  record Cell(String workload, String label, String chartLabel, String unit, int callers, int connections,
      int payloadSize, int sessions) {
  }

  /** One system measured once (one round) in one cell. */
  record Sample(Cell cell, String system, int round, Map<Metric, Double> values, long errors, String note) {
  }

  /**
   * A system taking part: name, family, codec, description; {@code notApplicable}: workload to the
   * reason it does not apply; {@code partner}: the system it is paired with (null: none).
   */
  record SystemInfo(String name, String family, String codec, String description, Map<String, String> notApplicable,
      String partner) {
  }

  final List<SystemInfo> systems = new ArrayList<>();
  final List<Cell> cells = new ArrayList<>();
  final List<Sample> samples = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final Map<Cell, String> skipped = new LinkedHashMap<>();

  synchronized void add(Sample s) {
    samples.add(s);
  }

  List<Sample> of(Cell c, String system) {
    return samples.stream().filter(s -> s.cell == c && s.system.equals(system)).toList();
  }

  Optional<SystemInfo> system(String name) {
    return systems.stream().filter(s -> s.name.equals(name)).findFirst();
  }

  /** The gRPC system of the same codec (or any gRPC system) that {@code name} is compared with. */
  Optional<String> grpcPartner(String name) {
    SystemInfo me = system(name).orElseThrow();
    if (me.codec.equals("json")) { // the users' path is compared with gRPC as users run it
      Optional<String> users = systems.stream().filter(s -> s.name.equals("grpc-proto-default")).map(SystemInfo::name)
          .findFirst();
      if (users.isPresent()) {
        return users;
      }
    }
    return systems.stream().filter(s -> s.family.equals("grpc") && s.codec.equals(me.codec)).map(SystemInfo::name)
        .findFirst()
        .or(() -> systems.stream().filter(s -> s.family.equals("grpc")).map(SystemInfo::name).findFirst());
  }

  /** The system {@code name} is paired with ({@link SystemInfo#partner}), when it takes part in this run. */
  Optional<String> partner(String name) {
    String p = system(name).orElseThrow().partner;
    return p != null && system(p).isPresent() ? Optional.of(p) : Optional.empty();
  }

  Optional<String> ceiling() {
    return systems.stream().filter(s -> s.family.equals("ceiling")).map(SystemInfo::name).findFirst();
  }

  /** Median over rounds of one metric, or NaN. */
  double median(Cell c, String system, Metric m) {
    return median(of(c, system).stream().map(s -> s.values.get(m)).filter(v -> v != null && !v.isNaN())
        .mapToDouble(Double::doubleValue).toArray());
  }

  /** Median over rounds of (system / partner), each ratio from the same round; NaN if no pair. */
  double ratio(Cell c, String system, Optional<String> partner, Metric m) {
    if (partner.isEmpty()) {
      return Double.NaN;
    }
    List<Double> r = new ArrayList<>();
    for (Sample a : of(c, system)) {
      for (Sample b : of(c, partner.get())) {
        if (a.round == b.round) {
          Double x = a.values.get(m);
          Double y = b.values.get(m);
          if (x != null && y != null && !x.isNaN() && !y.isNaN() && y != 0) {
            r.add(x / y);
          }
        }
      }
    }
    return median(r.stream().mapToDouble(Double::doubleValue).toArray());
  }

  long errors(Cell c, String system) {
    return of(c, system).stream().mapToLong(Sample::errors).sum();
  }

  String firstNote(Cell c, String system) {
    return of(c, system).stream().map(Sample::note).filter(n -> n != null && !n.isEmpty()).findFirst().orElse("");
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
