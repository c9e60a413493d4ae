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
import tools.jackson.databind.JsonNode;

/**
 * {@code dmicro describe URI [ROUTE]}: the routes of a running endpoint with their kinds and the
 * JSON Schemas of their arguments and replies, read from the service-description route the
 * endpoint serves (as grpcurl reads gRPC server reflection).
 */
@Command(name = "describe", description = {"List the routes of the endpoint at URI: kind, argument and reply schemas.",
        "Reads the endpoint's service-description route (" + DescribeCommand.ROUTE + "); a Spring Boot service serves it"
                + " unless dmicro.endpoint.describe.enabled=false."},
        mixinStandardHelpOptions = true)
final class DescribeCommand implements Callable<Integer> {

    static final String ROUTE = io.dmicro.drpc.describe.DescribeRoute.ROUTE;

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions peer = new PeerOptions();

    @Parameters(index = "0", paramLabel = "URI", description = "The peer.")
    String uri = "";

    @Parameters(index = "1", paramLabel = "ROUTE", arity = "0..1", description = "Show only this route, with its full schemas.")
    @Nullable String only;

    @Option(names = "--json", description = "Print the description as the endpoint sent it.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] reply;
        try (Endpoint endpoint = peer.endpoint()) {
            Session session = endpoint.dial(peer.dialUri(uri));
            reply = Replies.await(session.<byte[]>call(ROUTE, null, byte[].class, peer.callOptions()), peer.timeout);
        } catch (DrpcException e) {
            err.println(StatusLine.text(e.status()));
            if (e.code() == Status.NOT_FOUND) {
                err.println("the endpoint serves no description (" + ROUTE + "): it is switched off there, or not a DMicro endpoint");
            }
            return ExitCode.of(e.status());
        }
        JsonNode description = BodyFormat.JSON.readTree(reply == null ? new byte[0] : reply);
        if (json) {
            out.println(BodyFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description));
            out.flush();
            return ExitCode.OK;
        }
        int shown = 0;
        for (JsonNode route : description.path("routes")) {
            String name = route.path("name").asString();
            if (only != null && !only.equals(name)) {
                continue;
            }
            shown++;
            boolean call = route.path("kind").asString().equalsIgnoreCase("call");
            out.println(route.path("kind").asString().toLowerCase(java.util.Locale.ROOT) + " " + name);
            out.println("  argument: " + schema(route.path("argSchema"), only != null) + type(route.path("argType")));
            if (call) {
                out.println("  reply:    " + schema(route.path("replySchema"), only != null) + type(route.path("replyType")));
            }
            for (JsonNode m : route.path("meta")) {
                out.println("  meta:     " + m.path("name").asString() + (m.path("required").asBoolean() ? " (required)" : "")
                        + (m.path("description").asString("").isEmpty() ? "" : ": " + m.path("description").asString()));
            }
        }
        if (only != null && shown == 0) {
            err.println("no route " + only);
            err.flush();
            return ExitCode.NOT_FOUND;
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String type(JsonNode javaType) {
        String t = javaType.asString("");
        return t.isEmpty() || t.equals("java.lang.Void") ? "" : "   (" + t + ")";
    }

    /** A schema on one line ({@code {"a":integer,"b":integer}}), or in full. */
    private static String schema(JsonNode schema, boolean full) {
        if (schema.isMissingNode() || schema.isNull()) {
            return "(none)";
        }
        if (full) {
            return BodyFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema).replace("\n", "\n  ");
        }
        return SchemaSummary.of(schema);
    }
}
