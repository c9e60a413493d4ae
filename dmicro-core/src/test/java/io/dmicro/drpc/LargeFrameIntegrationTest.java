package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.testing.RawSocketPeer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Large frames arrive over many reads, which the frame decoder keeps as components instead of
 * merging; small frames around and after them are merged as before. Every body must come back
 * whole, in any mix, and a large frame cut off by its peer must cost the connection and nothing else.
 */
class LargeFrameIntegrationTest {

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void largeAndSmallFramesInterleavedComeBackWhole() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().maxMessageSize(8 * 1024 * 1024).build());
        server.router().routeCallFunc("/echo", byte[].class, (ctx, b) -> b, RouteOptions.nonBlockingRoute());
        Session session = Peers.dial(peers.endpoint(EndpointConfig.builder().maxMessageSize(8 * 1024 * 1024).build()), server);
        int[] sizes = {1 << 20, 3, 64 * 1024 - 1, 64 * 1024, 200_001, 0, 2 * (1 << 20) + 7, 100, 65_537, 1 << 20};
        Random random = new Random(42);
        List<byte[]> sent = new ArrayList<>();
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int size : sizes) {
                byte[] body = new byte[size];
                random.nextBytes(body);
                sent.add(body);
                replies.add(session.call("/echo", body, byte[].class)); // all in flight at once: frames back to back
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            byte[] reply = replies.get(i).get(30, TimeUnit.SECONDS);
            assertThat(reply == null ? new byte[0] : reply).as("reply %d (%d bytes)", i, sent.get(i).length).isEqualTo(sent.get(i));
        }
        // small calls after the large ones, one at a time
        for (int i = 0; i < 20; i++) {
            assertThat(session.callSync("/echo", new byte[] {(byte) i}, byte[].class)).containsExactly((byte) i);
        }
        Peers.await("server counted every byte", Duration.ofSeconds(5), () -> server.bytesReceived() == session.bytesSent());
    }

    /** A large message over the sender's limit fails alone, before any of it is sent; the calls around it go on. */
    @Test
    void aLargeMessageOverTheLimitFailsAloneAndTheSessionGoesOn() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().maxMessageSize(8 * 1024 * 1024).build());
        server.router().routeCallFunc("/echo", byte[].class, (ctx, b) -> b, RouteOptions.nonBlockingRoute());
        Session session = Peers.dial(peers.endpoint(EndpointConfig.builder().maxMessageSize(1024 * 1024).build()), server);
        CompletableFuture<byte[]> small = session.call("/echo", new byte[] {1}, byte[].class);
        CompletableFuture<byte[]> tooLarge = session.call("/echo", new byte[2 * 1024 * 1024], byte[].class);
        CompletableFuture<byte[]> large = session.call("/echo", new byte[512 * 1024], byte[].class);

        assertThatThrownBy(() -> tooLarge.get(10, TimeUnit.SECONDS)).hasMessageContaining("exceeds the limit");
        assertThat(small.get(10, TimeUnit.SECONDS)).containsExactly((byte) 1);
        assertThat(large.get(10, TimeUnit.SECONDS)).hasSize(512 * 1024);
        assertThat(session.callSync("/echo", new byte[] {2}, byte[].class)).containsExactly((byte) 2);
    }

    @Test
    void aLargeFrameCutOffByAVanishedPeerClosesOnlyItsSession() throws Exception {
        Endpoint server = peers.endpoint(EndpointConfig.builder().maxMessageSize(8 * 1024 * 1024).build());
        server.router().routeCallFunc("/echo", byte[].class, (ctx, b) -> b);
        InetSocketAddress address = (InetSocketAddress) server.listen("tcp://127.0.0.1:0");
        Session good = peers.endpoint().dial("127.0.0.1:" + address.getPort());
        Peers.await("good session", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
        try (RawSocketPeer bad = new RawSocketPeer(address)) {
            Peers.await("bad peer's session", Duration.ofSeconds(5), () -> server.sessionCount() == 2);
            // a frame declaring 4 MiB, of which 300 KiB arrive, in reads large enough to be composed
            ByteBuffer start = ByteBuffer.allocate(300 * 1024).putInt(4 * 1024 * 1024).put(new byte[] {1, 0, 1, '1', 1, 5});
            bad.writeBytes(start.array());
        }
        Peers.await("session of the vanished peer closed", Duration.ofSeconds(5), () -> server.sessionCount() == 1);
        assertThat(good.callSync("/echo", new byte[] {7}, byte[].class)).containsExactly((byte) 7);
    }
}
