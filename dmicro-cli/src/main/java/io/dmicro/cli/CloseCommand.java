package io.dmicro.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code dmicro close ACTUATOR_URL ID}: closes one session gracefully. */
@Command(name = "close", description = "Close session ID of a Spring Boot service gracefully (its handlers finish first).",
        mixinStandardHelpOptions = true)
final class CloseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTUATOR_URL", description = "Such as http://localhost:8080/actuator (or just http://localhost:8080).")
    String url = "";

    @Parameters(index = "1", paramLabel = "ID", description = "The session id, as dmicro sessions shows it.")
    String id = "";

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        JsonNode closed = new Actuator(url).delete("/sessions/" + Actuator.segment(id), "no session " + id);
        if (closed.isEmpty()) {
            throw new Actuator.ActuatorException("no session " + id);
        }
        err.println("closing session " + closed.path("id").asString() + " (" + closed.path("remoteAddress").asString() + ")");
        err.flush();
        return ExitCode.OK;
    }
}
