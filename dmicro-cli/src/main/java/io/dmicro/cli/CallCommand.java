package io.dmicro.cli;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code dmicro call URI ROUTE [BODY]}: one call, the reply on stdout, the status on stderr. */
@Command(name = "call", description = {"Call ROUTE on the peer at URI and print the reply.",
        "The reply body goes to stdout (JSON pretty-printed), the status to stderr; the exit code tells the failure class."},
        mixinStandardHelpOptions = true)
final class CallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions peer = new PeerOptions();

    @Parameters(index = "0", paramLabel = "URI", description = "The peer: host:port, tcp://, tls://, ws://, wss://, unix://, quic://.")
    String uri = "";

    @Parameters(index = "1", paramLabel = "ROUTE", description = "The route, such as /math/add.")
    String route = "";

    @Parameters(index = "2", paramLabel = "BODY", arity = "0..1",
            description = "The body: the text itself, @file, or - for stdin. Empty when left out.")
    @Nullable String body;

    @picocli.CommandLine.Option(names = "--json", description = "Print one JSON object (status, meta, codec, body, time) on stdout.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes = Body.read(body, System.in);
        try (Endpoint endpoint = peer.endpoint()) {
            Status status;
            Reply<byte[]> reply = null;
            Session session = null;
            // the time shown is the call's: from the dial's end (or, when the dial fails, its start)
            long start = System.nanoTime();
            try {
                session = endpoint.dial(peer.dialUri(uri));
                start = System.nanoTime();
                reply = Replies.await(session.<byte[]>callForReply(route, bytes, byte[].class, peer.callOptions()), peer.timeout);
                status = Status.OK;
            } catch (DrpcException e) {
                status = e.status();
            }
            double millis = (System.nanoTime() - start) / 1e6;
            String hint = session != null && status.code() == Status.NOT_FOUND
                    ? RouteHint.after404(session, route, peer.callOptions(), peer.timeout) : null;
            byte[] replyBody = reply == null || reply.body() == null ? new byte[0] : reply.body();
            String codec = reply == null ? "" : BodyFormat.codecName(endpoint.config().codecs(), reply.bodyCodec());
            if (json) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("route", route);
                o.set("status", StatusLine.json(status));
                if (reply != null) {
                    o.put("codec", codec);
                    ObjectNode meta = o.putObject("meta");
                    reply.meta().forEach(meta::put);
                    o.set("body", BodyFormat.value(replyBody));
                }
                o.put("millis", Math.round(millis * 1000) / 1000.0);
                out.println(BodyFormat.JSON.writeValueAsString(o));
            } else {
                if (reply != null) {
                    out.println(BodyFormat.pretty(replyBody));
                    reply.meta().forEach((k, v) -> err.println(k + ": " + v));
                }
                err.println(StatusLine.text(status) + String.format(Locale.ROOT, " (%.1f ms%s)", millis,
                        codec.isEmpty() ? "" : ", codec " + codec));
            }
            if (hint != null) {
                err.println(hint);
            }
            out.flush();
            err.flush();
            return ExitCode.of(status);
        }
    }
}
