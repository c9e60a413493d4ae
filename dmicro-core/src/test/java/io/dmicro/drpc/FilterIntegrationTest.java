package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.ConnectionClosedException;
import io.dmicro.drpc.testing.Peers;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FilterIntegrationTest {

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @Test
    void gzipAndMd5FilteredCallsRoundTripAndTheReplyInheritsTheFilters() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/echo", String.class, (ctx, s) -> s + ctx.bodyBytes().length);
        Session s = Peers.dial(peers.endpoint(), server);
        String big = "abc".repeat(10_000);
        String out = s.<String>call("/echo", big, String.class, CallOptions.DEFAULT.withFilters("gzip", "md5")).join();
        assertThat(out).isEqualTo(big + (big.length() + 2));
    }

    @Test
    void senderRefusesAFilteredBodyThePeerCouldNotUnpack() {
        Endpoint server = peers.endpoint();
        server.router().routeCallFunc("/len", byte[].class, (ctx, b) -> b.length);
        Session s = Peers.dial(peers.endpoint(EndpointConfig.builder().maxMessageSize(64 * 1024).build()), server);
        byte[] zeros = new byte[1024 * 1024]; // compresses to about 1 KiB, but unpacks over the limit
        assertThatThrownBy(() -> s.<Integer>call("/len", zeros, Integer.class, CallOptions.DEFAULT.withFilters("gzip")).join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("exceeds the limit");
        assertThat(s.<Integer>call("/len", new byte[10], Integer.class, CallOptions.DEFAULT.withFilters("gzip")).join()).isEqualTo(10);
    }

    @Test
    void compressedBombFromAPeerIsRefusedNotInflatedAndOnlyThatConnectionCloses() {
        Endpoint server = peers.endpoint(EndpointConfig.builder().maxMessageSize(64 * 1024).build());
        server.router().routeCallFunc("/len", byte[].class, (ctx, b) -> b.length);
        String address = Peers.listen(server);
        Session attacker = peers.endpoint(EndpointConfig.builder().maxMessageSize(256 * 1024 * 1024).build()).dial(address);
        Session bystander = peers.endpoint().dial(address);
        byte[] zeros = new byte[60 * 1024 * 1024]; // about 60 KiB on the wire, 60 MiB once inflated

        assertThatThrownBy(() -> attacker.<Integer>call("/len", zeros, Integer.class, CallOptions.DEFAULT.withFilters("gzip")).join())
                .hasCauseInstanceOf(ConnectionClosedException.class);
        assertThat(bystander.callSync("/len", new byte[10], Integer.class)).isEqualTo(10);
    }
}
