package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.testing.Peers;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Peers sending corrupt WebSocket frames cannot flood the log, and each is closed. */
class CorruptWebSocketFramesIntegrationTest {

    private final Peers peers = new Peers();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @AfterEach
    void close() {
        root.detachAppender(lines);
        peers.close();
    }

    /** Upgrades to WebSocket by hand, then sends a frame a client must never send (unmasked). */
    private static void corruptFrame(InetSocketAddress address) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /drpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("handshake answer").isNotNegative();
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            out.write(new byte[] {(byte) 0x82, 0x05, 1, 2, 3, 4, 5});
            out.flush();
            while (in.read() >= 0) {
                // the server's close frame, then EOF
            }
        }
    }

    @Test
    void manyCorruptFramesLogAFewLinesWithoutStackTraces() throws Exception {
        Endpoint server = peers.endpoint();
        InetSocketAddress address = (InetSocketAddress) server.listen("ws://127.0.0.1:0/drpc");
        lines.start();
        root.addAppender(lines);
        for (int i = 0; i < 30; i++) {
            corruptFrame(address); // returns once the server closed the connection
        }
        long warnings = lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).count();
        assertThat(lines.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .allMatch(e -> e.getThrowableProxy() == null, "no stack trace above DEBUG");
        assertThat(warnings).isBetween(1L, 15L);
    }
}
