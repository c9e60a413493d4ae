package io.dmicro.drpc.transport.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.testing.GoPrograms;
import io.dmicro.drpc.testing.PeerProcess;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kcp:// against Go DMicro v1.3.1 on kcp-go (interop/go/cmd/kcppeer), both directions: small calls
 * and a 100 kB body, which takes about 75 segments, more than the 32-segment windows.
 */
class KcpGoInteropIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path GO_MODULE = Path.of("..", "interop", "go").toAbsolutePath().normalize();
    private static final int BIG = 100_000;

    /** The body of the Go peers' /echo. */
    public record Greeting(String name, int n) {
    }

    private final Peers peers = new Peers();
    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        peers.close();
    }

    private static Path program;

    /** Built once, before the tests: on a cold Go build cache this takes minutes (the lifecycle timeout in junit-platform.properties). */
    @BeforeAll
    static void build() {
        program = GoPrograms.build(GO_MODULE, "./cmd/kcppeer", Path.of("target", "go", "kcppeer"));
    }

    private static Path peer() {
        return program;
    }

    @Test
    void javaClientCallsAGoServerOverKcp() {
        Path program = peer();
        try (PeerProcess go = PeerProcess.start("kcp-server", List.of(program.toString(), "-mode", "server"), tmp)) {
            String address = go.awaitLine("LISTEN (\\S+)", WAIT);
            Session session = peers.endpoint().dial("kcp://" + address);
            assertThat(session.callSync("/echo", new Greeting("java", 1), Greeting.class)).isEqualTo(new Greeting("hello java", 2));
            Greeting big = session.callSync("/echo", new Greeting("j".repeat(BIG), 7), Greeting.class);
            assertThat(big.name()).hasSize(BIG + 6).startsWith("hello jjj");
            assertThat(big.n()).isEqualTo(8);
            assertThat(session.callSync("/echo", new Greeting("after", 9), Greeting.class)).isEqualTo(new Greeting("hello after", 10));
        }
    }

    /**
     * One data shard of every FEC group lost on the way to Go: the big body still arrives, and
     * kcp-go says it rebuilt packets from the parity shards this side sent.
     */
    @Test
    void goRebuildsLostDataShardsFromOurParity() {
        Path program = peer();
        try (PeerProcess go = PeerProcess.start("kcp-server", List.of(program.toString(), "-mode", "server"), tmp)) {
            String[] hostPort = go.awaitLine("LISTEN (\\S+)", WAIT).split(":");
            InetSocketAddress server = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
            try (LossyUdpRelay relay = new LossyUdpRelay(server,
                    d -> FecFraming.type(d) == FecFraming.TYPE_DATA && FecFraming.seqid(d) % FecFraming.GROUP == 4)) {
                Session session = peers.endpoint().dial("kcp://127.0.0.1:" + relay.port());
                Greeting big = session.callSync("/echo", new Greeting("j".repeat(BIG), 1), Greeting.class);
                assertThat(big.name()).hasSize(BIG + 6);
                assertThat(relay.dropped()).isPositive();
                assertThat(session.callSync("/fec/recovered", java.util.Map.of(), Long.class)).isPositive();
            }
        }
    }

    @Test
    void goClientCallsAJavaServerOverKcp() {
        Path program = peer();
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/echo", Greeting.class, (ctx, g) -> new Greeting("hello " + g.name(), g.n() + 1));
        InetSocketAddress bound = (InetSocketAddress) server.listen("kcp://127.0.0.1:0");
        try (PeerProcess go = PeerProcess.start("kcp-client", List.of(program.toString(), "-mode", "client",
                "-addr", "127.0.0.1:" + bound.getPort(), "-size", Integer.toString(BIG), "-calls", "3"), tmp)) {
            go.awaitLine("^DONE$", WAIT);
            List<String> lines = Arrays.stream(go.output().split("\n")).filter(l -> l.startsWith("RESULT ") || l.startsWith("ERROR ")).toList();
            assertThat(lines).as(go.output()).containsExactly("RESULT 0 100006 1", "RESULT 1 100006 2", "RESULT 2 100006 3");
        }
    }
}
