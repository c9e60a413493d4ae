package io.dmicro.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a bench run measured, printed as ghz's summary or as JSON.
 *
 * @param failed failed calls by drpc status code
 * @param firstFailures the first failure of each code in {@code failed}, as {@code ERROR 404 Not Found: ...}
 * @param resent calls the peer refused unexecuted (503) and that were sent again
 * @param redials sessions dialed again after the peer closed one
 * @param dialFailures dial attempts that failed (a refused connection, say)
 * @param latency microseconds per successful call
 */
record BenchResult(int callers, int connections, Duration elapsed, long ok, Map<Integer, Long> failed,
        Map<Integer, String> firstFailures, long resent, long redials, long dialFailures, Histogram latency) {

    private static final double[] PERCENTILES = {10, 25, 50, 75, 90, 95, 99, 99.9};

    long failedCount() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    double throughput() {
        return ok / (elapsed.toNanos() / 1e9);
    }

    String toTable(String uri, String route) {
        StringBuilder b = new StringBuilder();
        b.append("Summary:\n");
        row(b, "Target", route + " on " + uri);
        row(b, "Callers", callers + " on " + connections + (connections == 1 ? " connection" : " connections"));
        row(b, "Count", String.format(Locale.ROOT, "%,d", ok + failedCount()));
        row(b, "Total", String.format(Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9));
        row(b, "Slowest", ms(latency.getMaxValue()));
        row(b, "Fastest", ms(latency.getMinValue()));
        row(b, "Average", String.format(Locale.ROOT, "%.3f ms", latency.getMean() / 1000.0));
        row(b, "Calls/sec", String.format(Locale.ROOT, "%,.0f", throughput()));
        b.append("\nLatency distribution:\n");
        for (double p : PERCENTILES) {
            b.append(String.format(Locale.ROOT, "  %5s %% in %s%n", trim(p), ms(latency.getValueAtPercentile(p))));
        }
        b.append("\nStatus code distribution:\n");
        b.append(String.format(Locale.ROOT, "  [OK]   %,d calls%n", ok));
        failed.forEach((code, n) -> b.append(String.format(Locale.ROOT, "  [%d]   %,d calls%s%n", code, n,
                firstFailures.containsKey(code) ? "  (first: " + firstFailures.get(code) + ")" : "")));
        b.append(String.format(Locale.ROOT, "%nReconnects: %,d redials, %,d failed dials, %,d calls resent after a 503 refusal",
                redials, dialFailures, resent));
        return b.toString();
    }

    String toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("callers", callers);
        o.put("connections", connections);
        o.put("seconds", elapsed.toNanos() / 1e9);
        o.put("ok", ok);
        o.put("failed", failedCount());
        ObjectNode byCode = o.putObject("failedByStatus");
        failed.forEach((code, n) -> byCode.put(String.valueOf(code), n));
        ObjectNode first = o.putObject("firstFailureByStatus");
        firstFailures.forEach((code, text) -> first.put(String.valueOf(code), text));
        o.put("resent", resent);
        o.put("redials", redials);
        o.put("dialFailures", dialFailures);
        o.put("callsPerSecond", Math.round(throughput()));
        ObjectNode lat = o.putObject("latencyMillis");
        lat.put("min", latency.getMinValue() / 1000.0);
        lat.put("mean", latency.getMean() / 1000.0);
        for (double p : PERCENTILES) {
            lat.put("p" + trim(p), latency.getValueAtPercentile(p) / 1000.0);
        }
        lat.put("max", latency.getMaxValue() / 1000.0);
        return BodyFormat.JSON.writeValueAsString(o);
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append(String.format(Locale.ROOT, "  %-10s %s%n", name + ":", value));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
