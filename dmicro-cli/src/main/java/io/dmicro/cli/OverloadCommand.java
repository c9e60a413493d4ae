package io.dmicro.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dmicro overload ACTUATOR_URL [--max-... N]}: reads the overload limits of a Spring Boot
 * service, or sets those given (the others are kept; 0 switches a limit off).
 */
@Command(name = "overload", description = {"Read the overload limits of a Spring Boot service, or set them at run time.",
        "Limits not given are kept; 0 switches a limit off. Needs dmicro.endpoint.overload.enabled=true on the service,"
                + " and write access to the dmicro actuator endpoint to set."},
        mixinStandardHelpOptions = true)
final class OverloadCommand implements Callable<Integer> {

    private static final String NO_OVERLOAD = "overload protection is not installed on this service"
            + " (dmicro.endpoint.overload.enabled=true installs it)";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTUATOR_URL", description = "Such as http://localhost:8080/actuator (or just http://localhost:8080).")
    String url = "";

    @Option(names = "--max-connections", paramLabel = "N", description = "Open sessions at once.")
    @Nullable Integer maxConnections;

    @Option(names = "--max-rate", paramLabel = "N", description = "Calls and pushes per second over all routes.")
    @Nullable Integer maxTotalRate;

    @Option(names = "--max-route-rate", paramLabel = "ROUTE=N", description = "Calls and pushes per second for one route (repeatable).")
    Map<String, Integer> maxRouteRates = new LinkedHashMap<>();

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Calls whose handlers run at once on one session.")
    @Nullable Integer maxInFlight;

    @Option(names = "--json", description = "Print the limits as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Actuator actuator = new Actuator(url);
        JsonNode limits;
        if (maxConnections == null && maxTotalRate == null && maxRouteRates.isEmpty() && maxInFlight == null) {
            limits = actuator.get("/overload", NO_OVERLOAD);
        } else {
            ObjectNode body = BodyFormat.JSON.createObjectNode();
            if (maxConnections != null) {
                body.put("maxConnections", maxConnections);
            }
            if (maxTotalRate != null) {
                body.put("maxTotalRate", maxTotalRate);
            }
            if (!maxRouteRates.isEmpty()) {
                body.put("maxRouteRates", maxRouteRates.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
            }
            if (maxInFlight != null) {
                body.put("maxCallsInFlightPerSession", maxInFlight);
            }
            limits = actuator.post("/overload", body, NO_OVERLOAD);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(BodyFormat.JSON.writeValueAsString(limits));
        } else {
            out.println("max-connections  " + off(limits.path("maxConnections").asInt()) + "   (open now: "
                    + limits.path("connections").asInt() + ")");
            out.println("max-rate         " + off(limits.path("maxTotalRate").asInt()) + " /s");
            out.println("max-in-flight    " + off(limits.path("maxCallsInFlightPerSession").asInt()) + " per session");
            for (Map.Entry<String, JsonNode> e : limits.path("maxRouteRates").properties()) {
                out.println("max-route-rate   " + e.getKey() + " " + off(e.getValue().asInt()) + " /s");
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String off(int limit) {
        return limit > 0 ? String.valueOf(limit) : "off";
    }
}
