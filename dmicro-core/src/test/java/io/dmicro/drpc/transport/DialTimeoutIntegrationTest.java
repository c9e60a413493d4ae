package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.testing.Peers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A dial whose TCP connect never completes fails at the dial timeout, by the transport's own timer
 * (it replaced Netty's connect timeout, whose task a channel keeps for life), on NIO and on epoll.
 */
class DialTimeoutIntegrationTest {

    private final Peers peers = new Peers();
    private final List<Socket> queued = new ArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void close() throws IOException {
        peers.close();
        for (Socket s : queued) {
            s.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    /** A listener that never accepts, its accept queue filled: the kernel drops further SYNs, so a connect hangs. */
    private int listenerThatNeverAnswers() throws IOException {
        silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            queued.add(s);
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), 300);
            } catch (SocketTimeoutException full) {
                return silent.getLocalPort();
            }
        }
        throw new AssertionError("the kernel kept accepting connections into a full queue; no connect would hang here");
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(booleans = {true, false})
    void aConnectThatNeverCompletesFailsAtTheDialTimeout(boolean nativeTransport) throws IOException {
        int port = listenerThatNeverAnswers();
        Endpoint client = peers.endpoint(EndpointConfig.builder().dialTimeout(Duration.ofMillis(300)).redialTimes(0)
                .socketOptions(SocketOptions.DEFAULT.withNativeTransport(nativeTransport)).build());

        assertThatThrownBy(() -> client.dial("127.0.0.1:" + port)).isInstanceOfSatisfying(DrpcException.class, e -> {
            assertThat(e.code()).isEqualTo(Status.DIAL_FAILED);
            assertThat(e.getMessage()).contains("connection timed out after 300 ms: /127.0.0.1:" + port);
        });
        assertThat(client.sessionCount()).isZero();
    }
}
