package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.transport.SocketOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.transport.tcp.ReusePort;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReusePortIntegrationTest {

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private Endpoint server(String name) {
        Endpoint e = peers.endpoint();
        e.router().routeCallFunc("/who", String.class, (ctx, arg) -> name);
        return e;
    }

    @Test
    void twoEndpointsListenOnOnePortAndTheKernelSpreadsConnectionsOverBoth() {
        assertThat(ReusePort.unavailabilityReason()).isNull();
        Endpoint a = server("a");
        Endpoint b = server("b");
        int port = ((InetSocketAddress) a.listen("tcp://127.0.0.1:0?reusePort=true")).getPort();
        assertThat(((InetSocketAddress) b.listen("tcp://127.0.0.1:" + port + "?reusePort=true")).getPort()).isEqualTo(port);

        Endpoint client = peers.endpoint();
        java.util.Set<String> answered = new java.util.HashSet<>();
        for (int i = 0; i < 200 && answered.size() < 2; i++) {
            Session s = client.dial("127.0.0.1:" + port);
            answered.add(s.callSync("/who", "", String.class));
            s.close().join();
        }
        assertThat(answered).containsExactlyInAnyOrder("a", "b");

        // a stops accepting: every new connection goes to b, none is refused
        a.stopAccepting();
        for (int i = 0; i < 20; i++) {
            Session s = client.dial("127.0.0.1:" + port);
            assertThat(s.callSync("/who", "", String.class)).isEqualTo("b");
            s.close().join();
        }
    }

    @Test
    void theEndpointSocketOptionBindsEveryTcpListenerWithReusePort() {
        EndpointConfig config = EndpointConfig.builder().socketOptions(SocketOptions.DEFAULT.withReusePort(true)).build();
        Endpoint a = peers.endpoint(config);
        Endpoint b = peers.endpoint(config);
        b.router().routeCallFunc("/who", String.class, (ctx, arg) -> "b");
        int port = ((InetSocketAddress) a.listen("tcp://127.0.0.1:0")).getPort();
        b.listen("tcp://127.0.0.1:" + port);
        a.stopAccepting();
        assertThat(Peers.dial(peers.endpoint(), b).callSync("/who", "", String.class)).isEqualTo("b");
    }

    @Test
    void withoutReusePortTheSecondListenerIsRefused() {
        int port = ((InetSocketAddress) server("a").listen("tcp://127.0.0.1:0")).getPort();
        assertThatThrownBy(() -> server("b").listen("tcp://127.0.0.1:" + port))
                .hasMessageContaining("cannot listen on tcp://127.0.0.1:" + port);
    }

    @Test
    void aReusePortListenerOverTlsServesTls() {
        var certs = io.dmicro.drpc.testing.TestCertificates.get();
        Endpoint a = server("a");
        String uri = "tls://127.0.0.1:0?reusePort=true&cert=" + certs.serverCert() + "&key=" + certs.serverKey();
        int port = ((InetSocketAddress) a.listen(uri)).getPort();
        Session s = peers.endpoint().dial("tls://127.0.0.1:" + port + "?ca=" + certs.serverCert());
        assertThat(s.callSync("/who", "", String.class)).isEqualTo("a");
    }

    @Test
    void reusePortOnAUnixSocketFailsWithTheReason(@TempDir Path dir) {
        Path sock = dir.resolve("s.sock");
        assertThatThrownBy(() -> server("a").listen("unix://" + sock + "?reusePort=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reusePort applies to TCP listeners");
        assertThat(Files.exists(sock)).isFalse();
    }

    @Test
    void aReusePortValueOtherThanTrueOrFalseIsRejected() {
        assertThatThrownBy(() -> server("a").listen("tcp://127.0.0.1:0?reusePort=yes"))
                .hasMessageContaining("reusePort must be true or false: yes");
    }

    @Test
    void withoutTheNativeTransportReusePortFailsNamingWhatIsMissing() throws Exception {
        // a JVM where Netty's native transport is switched off, as on a platform without epoll
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (var p = io.dmicro.drpc.testing.PeerProcess.start("no-native", java.util.List.of(javaBin,
                "-Dio.netty.transport.noNative=true", "-cp", System.getProperty("java.class.path"), ReusePortProbe.class.getName()),
                Path.of("."))) {
            String line = p.awaitLine("^reason: (.*)$", Duration.ofSeconds(30));
            assertThat(line).contains("SO_REUSEPORT listeners need Netty's native epoll transport").contains("noNative");
            assertThat(p.awaitLine("^listen: (.*)$", Duration.ofSeconds(30))).contains("SO_REUSEPORT");
        }
    }

    /** Run in a JVM without the native transport: prints why SO_REUSEPORT is unavailable and what listen says. */
    public static final class ReusePortProbe {
        public static void main(String[] args) {
            System.out.println("reason: " + ReusePort.unavailabilityReason());
            try (Endpoint e = Endpoint.create()) {
                e.listen("tcp://127.0.0.1:0?reusePort=true");
                System.out.println("listen: bound");
            } catch (RuntimeException ex) {
                System.out.println("listen: " + ex.getMessage());
            }
            System.out.flush();
        }
    }
}
