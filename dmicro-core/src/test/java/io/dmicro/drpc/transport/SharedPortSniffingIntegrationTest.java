package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.testing.ExternalTools;
import io.dmicro.drpc.testing.FaultProxy;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.testing.TestCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Port sharing when the first bytes are late: the sniff timeout's fallback never makes an HTTP
 * request a raw frame, counts inside TLS from the end of the handshake, and is not taken for http.
 */
class SharedPortSniffingIntegrationTest {

    public record Args(int a, int b) {
    }

    private final Peers peers = new Peers();
    private final List<FaultProxy> proxies = new ArrayList<>();

    @AfterEach
    void stop() {
        proxies.forEach(FaultProxy::close);
        peers.close();
    }

    private Endpoint server() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/math/add", Args.class, (ctx, a) -> a.a() + a.b());
        return server;
    }

    private FaultProxy delayed(InetSocketAddress target, Duration delay) {
        FaultProxy proxy = FaultProxy.start(target).delay(delay);
        proxies.add(proxy);
        return proxy;
    }

    /** A plain socket: says nothing until the fallback set the connection up, then sends an HTTP request. */
    @Test
    void aLateHttpRequestIsAnswered408NotReadAsARawFrame() throws Exception {
        Endpoint server = server();
        InetSocketAddress bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,http&sniffTimeout=100");
        try (Socket s = new Socket()) {
            s.connect(bound, 5000);
            s.setSoTimeout(10_000);
            Peers.await("the fallback session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
            OutputStream out = s.getOutputStream();
            out.write(("POST /math/add HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
                    + "{\"a\":1,\"b\":2}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until the server closes
            assertThat(reply).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close")
                    .contains("after the sniff timeout of 100 ms").contains("raw proto");
        }
        Peers.await("the connection closed", Duration.ofSeconds(5), () -> server.sessionCount() == 0);
    }

    /** curl through a proxy that holds its request past the sniff timeout: a clear 408, never an empty reply. */
    @Test
    void curlWhoseRequestComesLateGets408() throws Exception {
        Endpoint server = server();
        InetSocketAddress bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,http&sniffTimeout=100");
        FaultProxy proxy = delayed(bound, Duration.ofMillis(600));
        String out = curl("-sS", "-i", "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2}",
                "http://" + proxy.address() + "/math/add");
        assertThat(out).startsWith("HTTP/1.1 408").contains("sniffTimeout");
    }

    /** A drpc client whose first frame comes after the fallback is served by the fallback proto as before. */
    @Test
    void aRawClientThatSpeaksLateIsServed() {
        Endpoint server = server();
        InetSocketAddress bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,http&sniffTimeout=100");
        FaultProxy proxy = delayed(bound, Duration.ofMillis(400));
        Endpoint client = peers.endpoint();
        assertThat(client.dial(proxy.address()).callSync("/math/add", new Args(2, 3), Integer.class)).isEqualTo(5);
    }

    /** With http listed first there is no fallback (an HTTP client always speaks first): a late request is served. */
    @Test
    void httpListedFirstWaitsForALateRequest() throws Exception {
        Endpoint server = server();
        InetSocketAddress bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=http,raw&sniffTimeout=100");
        FaultProxy proxy = delayed(bound, Duration.ofMillis(500));
        String out = curl("-sS", "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2}", "http://" + proxy.address() + "/math/add");
        assertThat(out).isEqualTo("3");
    }

    /**
     * A TLS handshake slower than the sniff timeout: the timeout counts from its end, so the HTTPS
     * request that follows is served (it used to be read by the raw proto the fallback installed
     * in the middle of the handshake).
     */
    @Test
    void aSlowTlsHandshakeDoesNotUseUpTheSniffTimeout() throws Exception {
        TestCertificates certs = TestCertificates.get();
        Endpoint server = server();
        InetSocketAddress bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,http,tls&sniffTimeout=400&cert="
                + certs.serverCert() + "&key=" + certs.serverKey());
        FaultProxy proxy = delayed(bound, Duration.ofMillis(250)); // a handshake of several one-way trips: over 400 ms
        String out = curl("-sS", "-k", "-H", "Content-Type: application/json", "-d", "{\"a\":1,\"b\":2}",
                "https://" + proxy.address() + "/math/add");
        assertThat(out).isEqualTo("3");
    }

    /** A peer that starts TLS and never finishes it is closed by the handshake timeout, and gets no session meanwhile. */
    @Test
    void aPeerThatNeverFinishesItsTlsHandshakeGetsNoSession() throws Exception {
        TestCertificates certs = TestCertificates.get();
        Endpoint server = peers.endpoint(io.dmicro.drpc.EndpointConfig.builder().handshakeTimeout(Duration.ofMillis(800)).build());
        InetSocketAddress bound = (InetSocketAddress) server.listen("tcp://127.0.0.1:0?protos=raw,http,tls&sniffTimeout=100&cert="
                + certs.serverCert() + "&key=" + certs.serverKey());
        try (Socket s = new Socket()) {
            s.connect(bound, 5000);
            s.setSoTimeout(10_000);
            // the start of a TLS record (handshake, TLS 1.0 record version) and then nothing
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40, 0x01});
            s.getOutputStream().flush();
            long start = System.nanoTime();
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // until the server closes
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("closed by the handshake timeout").isBetween(300L, 8000L);
        }
        assertThat(server.sessionCount()).isZero();
    }

    /** The listener's log line names every proto as a URI does (erpc, not a second raw), and says what all resolved to. */
    @Test
    void theLogSaysWhatProtosAllResolvedTo() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            server().listen("tcp://127.0.0.1:0?protos=all");
        } finally {
            root.detachAppender(lines);
        }
        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).anyMatch(m -> m.contains("protos=all resolved to raw,erpc,json,protobuf,jsonrpc,http,ws"));
        assertThat(messages).anyMatch(m -> m.startsWith("drpc listening on tcp://127.0.0.1:")
                && m.endsWith("(shared[raw,erpc,json,protobuf,jsonrpc,http,ws])"));
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.require("curl", "the shared port is tested with curl").getPath(),
                "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
