package io.dmicro.interop;

import io.dmicro.drpc.testing.PeerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running {@code interop/go/cmd/server}: one Go DMicro endpoint with one listener per proto. Its
 * addresses come from the {@code LISTEN <proto> <address>} lines it prints.
 */
public final class GoServer implements AutoCloseable {

    private final PeerProcess process;

    private GoServer(PeerProcess process) {
        this.process = process;
    }

    /** Starts the server; {@code args} as the program takes them ({@code -protos raw,json ...}). */
    public static GoServer start(String... args) {
        return new GoServer(GoPeers.start("server", args));
    }

    /** The address the listener of {@code proto} is bound to, as {@code host:port} or a socket path. */
    public String address(String proto) {
        return process.awaitLine("^LISTEN " + proto + " (\\S+)$", Duration.ofSeconds(5));
    }

    public PeerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    static String[] args(String... args) {
        return new ArrayList<>(List.of(args)).toArray(String[]::new);
    }
}
