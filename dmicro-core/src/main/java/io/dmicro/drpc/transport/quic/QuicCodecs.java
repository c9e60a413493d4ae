package io.dmicro.drpc.transport.quic;

import io.netty.handler.codec.quic.QuicCodecBuilder;
import java.util.concurrent.TimeUnit;

/**
 * The QUIC settings both sides share: the idle timeout, flow-control windows sized for one
 * session stream, no unidirectional streams, and the DATAGRAM extension for keep-alives.
 */
final class QuicCodecs {

    /** Datagrams queued each way; keep-alives need one. */
    private static final int DATAGRAM_QUEUE = 4;

    private QuicCodecs() {
    }

    static <B extends QuicCodecBuilder<B>> B configure(B builder, QuicOptions options) {
        return builder
                .maxIdleTimeout(options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(options.maxStreamData())
                .initialMaxStreamDataBidirectionalLocal(options.maxStreamData())
                .initialMaxStreamDataBidirectionalRemote(options.maxStreamData())
                .initialMaxStreamsUnidirectional(0)
                .datagram(DATAGRAM_QUEUE, DATAGRAM_QUEUE);
    }
}
