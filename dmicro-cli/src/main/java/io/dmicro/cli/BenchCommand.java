package io.dmicro.cli;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dmicro bench URI ROUTE BODY -c CALLERS -d DURATION}: closed-loop load, as ghz does for gRPC. */
@Command(name = "bench", description = {"Call ROUTE as fast as CALLERS closed-loop callers can, for DURATION.",
        "Prints a progress line every second (stderr) and a summary with latency percentiles (HdrHistogram) at the end.",
        "Ctrl-C ends it early, with the summary.",
        "A session the peer closes is dialed again, and a call the peer refused without running it (503 while it"
                + " drains) is sent again on the new session: both are counted, neither is a failure."},
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions peer = new PeerOptions();

    @Parameters(index = "0", paramLabel = "URI", description = "The peer.")
    String uri = "";

    @Parameters(index = "1", paramLabel = "ROUTE", description = "The route to call.")
    String route = "";

    @Parameters(index = "2", paramLabel = "BODY", arity = "0..1", description = "The body of every call: text, @file, or -.")
    String body = "";

    @Option(names = {"-c", "--callers"}, paramLabel = "N", defaultValue = "16", description = "Concurrent callers (default 16).")
    int callers = 16;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to run (default 10s).")
    Duration duration = Duration.ofSeconds(10);

    @Option(names = "--connections", paramLabel = "N", defaultValue = "1", description = "Sessions the callers share (default 1).")
    int connections = 1;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        // both spellings of -c/--callers: a user who typed -c must recognise the message
        if (callers < 1) {
            throw new UsageException("-c/--callers must be at least 1, got " + callers);
        }
        if (connections < 1) {
            throw new UsageException("--connections must be at least 1, got " + connections);
        }
        if (connections > callers) {
            throw new UsageException("--connections (" + connections + ") cannot be more than -c/--callers (" + callers
                    + "): each session needs a caller");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new UsageException("--duration must be positive: " + duration);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes = Body.read(body, System.in);
        try (Endpoint endpoint = peer.endpoint()) {
            BenchRun run = new BenchRun(endpoint, peer.dialUri(uri), route, bytes, peer.callOptions(), callers, connections);
            try {
                run.connect();
            } catch (DrpcException e) {
                err.println(StatusLine.text(e.status()));
                return ExitCode.of(e.status());
            }
            // Ctrl-C (SIGINT, SIGTERM) ends the run early and still prints the summary, as ghz does
            java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                run.stopNow();
                try {
                    printed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-interrupted"));
            BenchResult result = run.run(duration, quiet ? null : err);
            out.println(json ? result.toJson() : result.toTable(uri, route));
            out.flush();
            if (result.failed().containsKey(Status.NOT_FOUND)) {
                printRouteHint(endpoint, err);
            }
            printed.countDown();
            return result.failedCount() > 0 ? ExitCode.BENCH_FAILURES : ExitCode.OK;
        }
    }

    /** As {@code call} does after a 404: the route the user probably meant, asked on a session of its own. */
    private void printRouteHint(Endpoint endpoint, PrintWriter err) {
        try {
            Session session = endpoint.dial(peer.dialUri(uri));
            String hint = RouteHint.after404(session, route, peer.callOptions(), peer.timeout);
            if (hint != null) {
                err.println(hint);
                err.flush();
            }
        } catch (DrpcException e) {
            // the peer went away after the run: no hint, the summary already says what failed
        }
    }
}
