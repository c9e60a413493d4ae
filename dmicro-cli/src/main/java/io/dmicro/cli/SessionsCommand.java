package io.dmicro.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code dmicro sessions ACTUATOR_URL}: the sessions of a Spring Boot service, as a table. */
@Command(name = "sessions", description = "List the sessions of a Spring Boot service through /actuator/dmicro.",
        mixinStandardHelpOptions = true)
final class SessionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTUATOR_URL", description = "Such as http://localhost:8080/actuator (or just http://localhost:8080).")
    String url = "";

    @Option(names = "--json", description = "Print the actuator's JSON as it came.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode sessions = new Actuator(url).get("/sessions", "the dmicro endpoint answers but lists no sessions");
        if (json) {
            out.println(BodyFormat.JSON.writeValueAsString(sessions));
            out.flush();
            return ExitCode.OK;
        }
        String format = "%-24s %-24s %-6s %-15s %9s %6s %8s%n";
        out.printf(Locale.ROOT, format, "ID", "REMOTE", "SIDE", "STATE", "AGE", "CALLS", "HANDLERS");
        for (JsonNode s : sessions.path("sessions")) {
            out.printf(Locale.ROOT, format, s.path("id").asString(), s.path("remoteAddress").asString(),
                    s.path("dialed").asBoolean() ? "dialed" : "accept", s.path("state").asString(),
                    age(s.path("ageMillis").asLong()), s.path("callsInFlight").asInt(), s.path("handlersInFlight").asInt());
        }
        out.printf(Locale.ROOT, "%d sessions%n", sessions.path("sessions").size());
        out.flush();
        return ExitCode.OK;
    }

    static String age(long millis) {
        long s = millis / 1000;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return s < 3600 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }
}
