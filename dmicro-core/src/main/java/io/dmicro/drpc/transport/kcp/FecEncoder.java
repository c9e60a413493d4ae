package io.dmicro.drpc.transport.kcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames outgoing KCP packets as kcp-go's FEC shards (see {@link FecFraming}): each packet as the
 * next data shard, and after every tenth the group's three parity shards.
 */
final class FecEncoder {

    private final ReedSolomon codec = new ReedSolomon(FecFraming.DATA_SHARDS, FecFraming.PARITY_SHARDS);
    private final byte[][] payloads = new byte[FecFraming.DATA_SHARDS][];
    private long next;
    private int count;

    /** The datagrams to send for one KCP packet: its data shard, then the parity shards if it completed a group. */
    List<byte[]> encode(byte[] kcpPacket) {
        byte[] shard = new byte[FecFraming.HEADER + kcpPacket.length];
        header(shard, FecFraming.TYPE_DATA);
        int size = kcpPacket.length + 2;
        shard[6] = (byte) size;
        shard[7] = (byte) (size >>> 8);
        System.arraycopy(kcpPacket, 0, shard, FecFraming.HEADER, kcpPacket.length);
        List<byte[]> out = new ArrayList<>(1 + FecFraming.PARITY_SHARDS);
        out.add(shard);
        payloads[count++] = shard;
        if (count == FecFraming.DATA_SHARDS) {
            count = 0;
            out.addAll(parity());
        }
        return out;
    }

    private List<byte[]> parity() {
        int length = 0;
        for (byte[] p : payloads) {
            length = Math.max(length, p.length - FecFraming.SHARD_HEADER);
        }
        byte[][] shards = new byte[FecFraming.GROUP][];
        for (int i = 0; i < FecFraming.DATA_SHARDS; i++) {
            shards[i] = new byte[length];
            System.arraycopy(payloads[i], FecFraming.SHARD_HEADER, shards[i], 0, payloads[i].length - FecFraming.SHARD_HEADER);
        }
        for (int i = FecFraming.DATA_SHARDS; i < FecFraming.GROUP; i++) {
            shards[i] = new byte[length];
        }
        codec.encode(shards);
        List<byte[]> out = new ArrayList<>(FecFraming.PARITY_SHARDS);
        for (int i = FecFraming.DATA_SHARDS; i < FecFraming.GROUP; i++) {
            byte[] shard = new byte[FecFraming.SHARD_HEADER + length];
            header(shard, FecFraming.TYPE_PARITY);
            System.arraycopy(shards[i], 0, shard, FecFraming.SHARD_HEADER, length);
            out.add(shard);
        }
        return out;
    }

    private void header(byte[] shard, int type) {
        Kcp.putInt32(shard, 0, (int) next);
        shard[4] = (byte) type;
        shard[5] = 0;
        next = (next + 1) % FecFraming.PAWS;
    }
}
