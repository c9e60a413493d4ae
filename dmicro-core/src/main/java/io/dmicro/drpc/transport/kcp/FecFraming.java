package io.dmicro.drpc.transport.kcp;

/**
 * kcp-go's forward-error-correction framing, which Go DMicro turns on with 10 data and 3 parity
 * shards: each KCP packet travels as a data shard, and after every 10 data shards come 3 parity
 * shards, Reed-Solomon over the group's payloads (each zero-padded to the longest), numbered on in
 * the same sequence, so shard {@code i} of a group has {@code seqid % 13 == i}. Little endian:
 *
 * <pre>
 * data shard:   | seqid (4) | 0xf1 (2) | size (2) = KCP bytes + 2 | KCP packet ... |
 * parity shard: | seqid (4) | 0xf2 (2) | parity of the group's "size + KCP packet" payloads |
 * </pre>
 */
final class FecFraming {

    /** seqid and type. */
    static final int SHARD_HEADER = 6;
    /** seqid, type and size: where a data shard's KCP packet starts. */
    static final int HEADER = 8;
    static final int TYPE_DATA = 0xf1;
    static final int TYPE_PARITY = 0xf2;
    static final int DATA_SHARDS = 10;
    static final int PARITY_SHARDS = 3;
    static final int GROUP = DATA_SHARDS + PARITY_SHARDS;
    /** Where seqids wrap: the largest multiple of the group size in 32 bits, as kcp-go's "paws". */
    static final long PAWS = 0xffffffffL / GROUP * GROUP;

    private FecFraming() {
    }

    /** The type of a received datagram: {@link #TYPE_DATA}, {@link #TYPE_PARITY}, or 0 for one without FEC framing. */
    static int type(byte[] datagram) {
        if (datagram.length < HEADER) {
            return 0;
        }
        int flag = Kcp.int16(datagram, 4);
        return flag == TYPE_DATA || flag == TYPE_PARITY ? flag : 0;
    }

    static long seqid(byte[] shard) {
        return Kcp.int32(shard, 0) & 0xffffffffL;
    }
}
