package io.dmicro.drpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.proto.raw.RawProto;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.CallTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The endpoint contract over KCP (UDP, kcp-go's FEC framing), raw proto. KCP has no close message,
 * as in kcp-go: a peer that closes or vanishes is not seen by the other side (until 20
 * retransmissions of a segment went unanswered), so there the two cases that expect a prompt
 * "connection closed" see their call time out instead.
 */
class KcpContractTest extends ContractTests.Variant {

    KcpContractTest() {
        super("kcp", "raw", new RawProto(), "");
    }

    /** The server closes its end on a frame over its limit; the client learns it only through its call's timeout. */
    @Override
    @Test
    void receiverClosesTheConnectionOnAFrameOverItsLimit() {
        Endpoint bigClient = peers.endpoint(config(MAX * 2).build());
        Session big = bigClient.dial(dialUri(server.listenAddresses().get(0)));
        int n = largestBody(1, MAX) + 1;
        assertThatThrownBy(() -> big.call("/test/length", "a".repeat(n), Integer.class, CallOptions.timeout(Duration.ofMillis(800))).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(CallTimeoutException.class);
        assertThat(session.callSync("/test/echo", "others unaffected", String.class)).isEqualTo("others unaffected");
    }

    /** A vanished peer: the call times out (KCP says nothing when a conversation ends). */
    @Override
    @Test
    void peerVanishingMidCallFailsTheCallWith102() {
        assertThatThrownBy(() -> session.call("/test/vanish", "x", String.class, CallOptions.timeout(Duration.ofMillis(800))).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(CallTimeoutException.class);
    }
}
