package io.dmicro.drpc.transport.kcp;

/**
 * kcp-go's forward-error-correction framing, which Go DMicro turns on with 10 data and 3 parity
 * shards. Each KCP packet travels as a data shard; after every 10 data shards kcp-go sends 3
 * parity shards (Reed-Solomon over the group), numbered on in the same sequence. Little endian:
 *
 * <pre>
 * data shard:   | seqid (4) | 0xf1 (2) | size (2) = KCP bytes + 2 | KCP packet ... |
 * parity shard: | seqid (4) | 0xf2 (2) | Reed-Solomon parity of the group ...    |
 * </pre>
 *
 * This side writes data shards only and skips the parity numbers, exactly as kcp-go does for a
 * group whose packets were not sent back to back; it reads data shards and ignores parity shards.
 * A lost datagram is then recovered by KCP's retransmission instead of by parity.
 */
final class FecFraming {

    static final int HEADER = 8;
    static final int TYPE_DATA = 0xf1;
    static final int TYPE_PARITY = 0xf2;
    static final int DATA_SHARDS = 10;
    static final int PARITY_SHARDS = 3;
    private static final long PAWS = 0xffffffffL / (DATA_SHARDS + PARITY_SHARDS) * (DATA_SHARDS + PARITY_SHARDS);

    private long next;
    private int shardCount;

    /** The datagram carrying one KCP packet as the next data shard. */
    byte[] wrap(byte[] kcpPacket) {
        byte[] out = new byte[HEADER + kcpPacket.length];
        Kcp.putInt32(out, 0, (int) next);
        out[4] = (byte) TYPE_DATA;
        out[5] = 0;
        int size = kcpPacket.length + 2;
        out[6] = (byte) size;
        out[7] = (byte) (size >>> 8);
        System.arraycopy(kcpPacket, 0, out, HEADER, kcpPacket.length);
        next = (next + 1) % PAWS;
        if (++shardCount == DATA_SHARDS) {
            shardCount = 0;
            next = (next + PARITY_SHARDS) % PAWS;
        }
        return out;
    }

    /** The type of a received datagram: {@link #TYPE_DATA}, {@link #TYPE_PARITY}, or 0 for one without FEC framing. */
    static int type(byte[] datagram) {
        if (datagram.length < 6) {
            return 0;
        }
        int flag = Kcp.int16(datagram, 4);
        return flag == TYPE_DATA || flag == TYPE_PARITY ? flag : 0;
    }

    /** The conversation id of a data shard's KCP packet, as kcp-go's listener reads it to accept a session. */
    static int conv(byte[] dataShard) {
        return Kcp.int32(dataShard, HEADER);
    }
}
