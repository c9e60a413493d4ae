package io.dmicro.cli;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code dmicro push URI ROUTE [BODY]}: one push; succeeds once it is written. */
@Command(name = "push", description = "Push BODY to ROUTE on the peer at URI (one-way: no reply). Succeeds once written.",
        mixinStandardHelpOptions = true)
final class PushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions peer = new PeerOptions();

    @Parameters(index = "0", paramLabel = "URI", description = "The peer.")
    String uri = "";

    @Parameters(index = "1", paramLabel = "ROUTE", description = "The push route, such as /demo/tick.")
    String route = "";

    @Parameters(index = "2", paramLabel = "BODY", arity = "0..1", description = "The body: text, @file, or - for stdin.")
    @Nullable String body;

    @Option(names = "--json", description = "Print the outcome as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        byte[] bytes = Body.read(body, System.in);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Status status;
        try (Endpoint endpoint = peer.endpoint()) {
            try {
                Session session = endpoint.dial(peer.dialUri(uri));
                Replies.await(session.push(route, bytes, peer.callOptions()), peer.timeout);
                status = Status.OK;
            } catch (DrpcException e) {
                status = e.status();
            }
        }
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("route", route);
            o.set("status", StatusLine.json(status));
            out.println(BodyFormat.JSON.writeValueAsString(o));
        } else {
            err.println(StatusLine.text(status) + (status.isOk() ? " (pushed " + bytes.length + " bytes to " + route + ")" : ""));
        }
        out.flush();
        err.flush();
        return ExitCode.of(status);
    }
}
