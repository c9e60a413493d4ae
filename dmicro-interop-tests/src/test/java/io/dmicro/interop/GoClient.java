package io.dmicro.interop;

import io.dmicro.drpc.testing.PeerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running {@code interop/go/cmd/client}: a Go DMicro endpoint that dials, calls and pushes as
 * told, one JSON command per line on its stdin, and answers each with {@code RESULT <id> <json>}.
 * It keeps its sessions, so many cells share a connection the way an application would.
 */
public final class GoClient implements AutoCloseable {

    static final Duration ANSWER = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final PeerProcess process;
    private final AtomicInteger ids = new AtomicInteger();

    private GoClient(PeerProcess process) {
        this.process = process;
    }

    public static GoClient start(String... args) {
        return new GoClient(GoPeers.start("client", args));
    }

    /** A command for a session over {@code network} to {@code addr} speaking {@code proto}. */
    public static Command to(String network, String addr, String proto) {
        return new Command().with("network", network).with("addr", addr).with("proto", proto);
    }

    /** Runs {@code command} and returns its result ({@code code}, {@code msg}, {@code cause}, {@code body}, {@code meta}, {@code codec}). */
    public JsonNode run(Command command) {
        String id = Integer.toString(ids.incrementAndGet());
        Map<String, Object> fields = new LinkedHashMap<>(command.fields);
        fields.put("id", id);
        byte[] line = (JSON.writeValueAsString(fields) + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream in = process.stdin();
        synchronized (this) {
            try {
                in.write(line);
                in.flush();
            } catch (IOException e) {
                throw new AssertionError("the Go client stopped reading commands: " + e + "\n" + process.output(), e);
            }
        }
        return JSON.readTree(process.awaitLine("^RESULT " + id + " (.*)$", ANSWER));
    }

    public PeerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    /** The fields of one command ({@code cmd/client/main.go} lists them). */
    public static final class Command {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        public Command with(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public Command call(String route, String body, String codec) {
            return with("op", "call").with("route", route).with("body", body).with("codec", codec);
        }

        public Command greeting(String name, int n) {
            return with("name", name).with("n", n);
        }
    }
}
