package io.dmicro.interop;

import io.dmicro.drpc.testing.GoPrograms;
import io.dmicro.drpc.testing.PeerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the Go peers of {@code interop/go} (once per JVM, into {@code target/go-bin}) and starts
 * them. A machine without Go skips the calling test; with {@code DMICRO_REQUIRE_TOOLS=true} (CI) it
 * fails instead.
 */
public final class GoPeers {

    /** Generous: a first build on a loaded 2-core machine compiles the original and its dependencies. */
    static final Duration START = Duration.ofSeconds(60);

    /**
     * The original links two generated files both called {@code payload.proto} (its pbproto and its
     * websocket pbSubProto); protobuf-go panics at start-up unless told to only warn. A Go program
     * that imports both needs the same setting (see README, "Interoperability").
     */
    static final Map<String, String> ENV = Map.of("GOLANG_PROTOBUF_REGISTRATION_CONFLICT", "warn");

    private GoPeers() {
    }

    static Path module() {
        return Path.of(System.getProperty("interop.go.module", "../interop/go")).toAbsolutePath().normalize();
    }

    static Path binary(String name) {
        Path bin = Path.of(System.getProperty("interop.go.bin", "target/go-bin")).toAbsolutePath();
        return GoPrograms.build(module(), "./cmd/" + name, bin.resolve(name));
    }

    /** Starts {@code interop/go/cmd/<name>} with {@code args} and waits for its {@code READY} line. */
    static PeerProcess start(String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary(name).toString());
        command.addAll(List.of(args));
        PeerProcess p = PeerProcess.start("go-" + name, command, module(), ENV);
        try {
            p.awaitLine("^READY$", START);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
        return p;
    }
}
