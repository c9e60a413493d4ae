package io.dmicro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.cli.testapp.TestServiceApp;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.testing.PeerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The restart the README describes, with real processes: an old JVM of the service serves a port
 * with SO_REUSEPORT, {@code dmicro bench} loads it, a new JVM binds the same port, the old one gets
 * SIGTERM, drains and exits. No call may fail and no connection may be refused; the test prints the
 * time the two JVMs overlapped and the old one's drain.
 */
class ZeroDowntimeRestartIntegrationTest {

    @Test
    void aNewProcessTakesThePortOverWhileTheOldOneDrainsAndNoCallFails() throws Exception {
        int port = freePort();
        try (PeerProcess old = service("old", port)) {
            old.awaitLine("drpc listening on tcp://127.0.0.1:" + port, Duration.ofSeconds(90));
            try (PeerProcess bench = Cli.start("bench", "127.0.0.1:" + port, "/greeter/hello", "{\"from\":\"bench\"}",
                    "-c", "8", "--connections", "4", "-d", "50s", "--json")) {
                try {
                    bench.awaitLine("\\[ *[1-9]\\.\\ds\\] [\\d,]+ calls", Duration.ofSeconds(60));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nthe old JVM:\n" + old.output(), e);
                }
                Churn churn = new Churn(port);
                churn.start();
                long newStarted = System.nanoTime();
                try (PeerProcess fresh = service("new", port)) {
                    fresh.awaitLine("drpc listening on tcp://127.0.0.1:" + port, Duration.ofSeconds(90));
                    long newReady = System.nanoTime();
                    old.terminate();
                    long termSent = System.nanoTime();
                    int oldExit = old.awaitExit(Duration.ofSeconds(60));
                    long oldExited = System.nanoTime();
                    churn.stopAfterMore(20);
                    // the bench's sessions were all on the old JVM: it has moved once it redialed (its summary says)
                    bench.awaitExit(Duration.ofSeconds(120));
                    JsonNode result = BodyFormat.JSON.readTree(bench.output().lines().filter(l -> l.startsWith("{"))
                            .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no summary from the bench:\n" + bench.output())));
                    String figures = String.format(Locale.ROOT,
                            "takeover: new JVM ready %.2f s after start; both listening %.0f ms (new ready -> old exited);"
                                    + " old drain %.0f ms (SIGTERM -> exit); bench %d ok, %d failed, %d redials, %d resent, %d"
                                    + " dial failures, %d calls/s; churn %d connections, %d refused, %d failed calls, %d resent",
                            (newReady - newStarted) / 1e9, (oldExited - newReady) / 1e6, (oldExited - termSent) / 1e6,
                            result.path("ok").asLong(), result.path("failed").asLong(), result.path("redials").asLong(),
                            result.path("resent").asLong(), result.path("dialFailures").asLong(),
                            result.path("callsPerSecond").asLong(), churn.connections.get(), churn.refused.get(), churn.failed.get(), churn.resent.get());
                    System.out.println(figures);
                    assertThat(result.path("failed").asLong()).as(figures).isZero();
                    assertThat(result.path("dialFailures").asLong()).as(figures).isZero();
                    assertThat(result.path("redials").asLong()).as("the bench moved to the new JVM: " + figures).isPositive();
                    assertThat(result.path("ok").asLong()).isPositive();
                    assertThat(churn.refused.get()).as(figures + "\n" + churn.errors).isZero();
                    assertThat(churn.failed.get()).as(figures + "\n" + churn.errors).isZero();
                    assertThat(churn.servedByNew.get()).as(figures).isPositive();
                    assertThat(oldExit).as("the old JVM ended through its shutdown hooks on SIGTERM (128 + 15)").isEqualTo(143);
                }
            }
        }
    }

    @Test
    void reusePortWhereTheNativeTransportCannotLoadFailsStartUpNamingTheProperty() throws Exception {
        try (PeerProcess p = service("no-native", freePort(), "-Dio.netty.transport.noNative=true")) {
            p.awaitLine("APPLICATION FAILED TO START", Duration.ofSeconds(90));
            p.awaitLine("Property: dmicro.endpoint.reuse-port", Duration.ofSeconds(10));
            assertThat(p.awaitLine("Reason: (.*)", Duration.ofSeconds(10)))
                    .contains("SO_REUSEPORT listeners need Netty's native epoll transport").contains("noNative");
            assertThat(p.awaitExit(Duration.ofSeconds(30))).isNotZero();
        }
    }

    private static PeerProcess service(String name, int port, String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(
                "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
                "-cp", System.getProperty("java.class.path"), TestServiceApp.class.getName(),
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--dmicro.endpoint.listen=tcp://127.0.0.1:" + port, "--dmicro.endpoint.reuse-port=true",
                "--dmicro.endpoint.drain-timeout=10s", "--dmicro.discovery.register=false"));
        return PeerProcess.start(name, command, Path.of("."));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** New connections all through the takeover, one call each: none may be refused. */
    private static final class Churn extends Thread {

        final AtomicLong connections = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong servedByNew = new AtomicLong();
        final AtomicLong resent = new AtomicLong();
        final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final int port;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        private volatile long firstPid;

        Churn(int port) {
            super("churn");
            this.port = port;
            setDaemon(true);
        }

        void stopAfterMore(int more) throws InterruptedException {
            stopAt.set(connections.get() + more);
            join(Duration.ofSeconds(60).toMillis());
            running.set(false);
        }

        @Override
        public void run() {
            try (Endpoint client = Endpoint.create(EndpointConfig.builder().dialTimeout(Duration.ofSeconds(5)).build())) {
                for (int i = 0; i < 5000 && resent.get() < 1000 && running.get() && connections.get() < stopAt.get(); i++) {
                    Session s;
                    try {
                        s = client.dial("127.0.0.1:" + port);
                        connections.incrementAndGet();
                    } catch (DrpcException e) {
                        refused.incrementAndGet();
                        errors.add(e.toString());
                        continue;
                    }
                    try {
                        String reply = s.callSync("/greeter/hello", new TestServiceApp.Hello("churn"), String.class);
                        long pid = Long.parseLong(reply.substring(reply.lastIndexOf(' ') + 1));
                        if (firstPid == 0) {
                            firstPid = pid;
                        } else if (pid != firstPid) {
                            servedByNew.incrementAndGet();
                        }
                    } catch (DrpcException e) {
                        if (e.notExecuted()) {
                            i--; // refused unexecuted by the draining JVM: the retry rule sends it again on a new connection
                            resent.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            errors.add(e.toString());
                        }
                    } finally {
                        s.close().join();
                    }
                }
            }
        }
    }
}
