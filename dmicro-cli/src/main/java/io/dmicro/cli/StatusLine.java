package io.dmicro.cli;

import io.dmicro.drpc.status.Status;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How a status is shown: {@code OK} or {@code ERROR 404 Not Found: ...} on stderr, an object in {@code --json}. */
final class StatusLine {

    private StatusLine() {
    }

    static String text(Status status) {
        if (status.isOk()) {
            return "OK";
        }
        String cause = status.cause();
        return "ERROR " + status.code() + " " + status.msg() + (cause == null || cause.isEmpty() ? "" : ": " + cause);
    }

    static ObjectNode json(Status status) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", status.code());
        o.put("msg", status.isOk() ? "OK" : status.msg());
        if (status.cause() != null && !status.cause().isEmpty()) {
            o.put("cause", status.cause());
        }
        return o;
    }
}
