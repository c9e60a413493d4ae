package io.dmicro.cli;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.router.InboundContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dmicro listen URI}: dials the peer and prints every push and call it sends, answering
 * calls with {@code --reply} or an echo of their body. drpc is symmetric: the server side of a
 * session may call and push to its client, and this is how a user watches it do so.
 */
@Command(name = "listen", description = {"Dial URI and print every push and call the peer sends.",
        "Calls are answered with --reply, or with an echo of their body. Ends on Ctrl-C, after --count messages,"
                + " after --duration, or when the peer closes the connection (exit code 4)."},
        mixinStandardHelpOptions = true)
final class ListenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions peer = new PeerOptions();

    @Parameters(index = "0", paramLabel = "URI", description = "The peer to dial.")
    String uri = "";

    @Option(names = "--reply", paramLabel = "BODY", description = "Answer every call with this body (text, @file); default: echo.")
    @Nullable String reply;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Stop after N messages.")
    int count;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long.")
    @Nullable Duration duration;

    @Option(names = "--json", description = "Print one JSON object per message (JSON lines).")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] answer = reply == null ? null : Body.read(reply, System.in);
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger seen = new AtomicInteger();
        try (Endpoint endpoint = peer.endpoint()) {
            Codecs codecs = endpoint.config().codecs();
            endpoint.router().setUnknownPush((ctx, body) -> show(seen, done, () -> print(out, "push", ctx, codecs)));
            endpoint.router().setUnknownCall((ctx, body) -> {
                show(seen, done, () -> print(out, "call", ctx, codecs));
                if (answer != null) {
                    ctx.setReplyBodyCodec(peer.codec);
                    return answer;
                }
                if (ctx.bodyCodec() != 0 && codecs.get(ctx.bodyCodec()) != null) {
                    ctx.setReplyBodyCodec(codecs.get(ctx.bodyCodec()).name());
                }
                return ctx.bodyBytes();
            });
            Session session;
            try {
                session = endpoint.dial(peer.dialUri(uri));
            } catch (DrpcException e) {
                err.println(StatusLine.text(e.status()));
                return ExitCode.of(e.status());
            }
            err.println("listening on the session " + session.id() + " to " + uri + " (Ctrl-C ends)");
            err.flush();
            session.closeFuture().whenComplete((v, e) -> done.complete(null));
            boolean finished = await(done, duration);
            out.flush();
            if (session.closeFuture().isDone() && (count == 0 || seen.get() < count)) {
                err.println("the peer closed the connection after " + seen.get() + " messages");
                return ExitCode.CONNECTION_LOST;
            }
            err.println((finished ? "done: " : "time is up: ") + (count > 0 ? Math.min(seen.get(), count) : seen.get()) + " messages");
            return ExitCode.OK;
        }
    }

    /**
     * Prints a message unless it is one past {@code --count} (messages that arrive together run on
     * several threads, so one may come in while the last counted ends the run); the last counted
     * ends the run once it is printed.
     */
    private void show(AtomicInteger seen, CompletableFuture<Void> done, Runnable print) {
        int n = seen.incrementAndGet();
        if (count > 0 && n > count) {
            return;
        }
        print.run();
        if (n == count) {
            done.complete(null);
        }
    }

    /** Waits for the count or the close; false when the duration ran out first. */
    private static boolean await(CompletableFuture<Void> done, @Nullable Duration duration) throws InterruptedException {
        try {
            if (duration == null) {
                done.get();
            } else {
                done.get(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private void print(PrintWriter out, String kind, InboundContext ctx, Codecs codecs) {
        byte[] body = ctx.bodyBytes();
        String line;
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("type", kind);
            o.put("route", ctx.serviceMethod());
            o.put("codec", BodyFormat.codecName(codecs, ctx.bodyCodec()));
            ObjectNode meta = o.putObject("meta");
            ctx.meta().forEach(meta::put);
            o.set("body", BodyFormat.value(body));
            line = BodyFormat.JSON.writeValueAsString(o);
        } else {
            line = kind.toUpperCase(java.util.Locale.ROOT) + " " + ctx.serviceMethod() + " " + BodyFormat.oneLine(body);
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
