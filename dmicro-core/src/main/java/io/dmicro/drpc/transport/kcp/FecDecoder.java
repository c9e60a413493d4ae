package io.dmicro.drpc.transport.kcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovers lost data shards of kcp-go's FEC groups (see {@link FecFraming}): once ten shards of a
 * group (data or parity) have arrived and a data shard is missing, Reed-Solomon rebuilds it and
 * the KCP packet inside is handed back. The received data shards themselves go to KCP directly,
 * as in kcp-go; this only keeps copies. The last 32 groups are kept.
 */
final class FecDecoder {

    private static final int GROUPS_KEPT = 32;

    private final ReedSolomon codec = new ReedSolomon(FecFraming.DATA_SHARDS, FecFraming.PARITY_SHARDS);
    private final Map<Long, Group> groups = new LinkedHashMap<>(GROUPS_KEPT * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Group> eldest) {
            return size() > GROUPS_KEPT;
        }
    };

    /** Takes one shard; returns the KCP packets of data shards it made recoverable (usually none). */
    List<byte[]> shard(byte[] shard) {
        long seqid = FecFraming.seqid(shard);
        Group group = groups.computeIfAbsent(seqid / FecFraming.GROUP, k -> new Group());
        int index = (int) (seqid % FecFraming.GROUP);
        if (group.done || group.shards[index] != null) {
            return List.of();
        }
        byte[] payload = new byte[shard.length - FecFraming.SHARD_HEADER];
        System.arraycopy(shard, FecFraming.SHARD_HEADER, payload, 0, payload.length);
        group.shards[index] = payload;
        group.count++;
        if (index >= FecFraming.DATA_SHARDS) {
            group.parityLength = payload.length;
        }
        if (group.count < FecFraming.DATA_SHARDS || group.parityLength < 0) {
            return List.of();
        }
        group.done = true;
        return recover(group);
    }

    private List<byte[]> recover(Group group) {
        boolean[] present = new boolean[FecFraming.GROUP];
        boolean missingData = false;
        byte[][] shards = new byte[FecFraming.GROUP][];
        for (int i = 0; i < FecFraming.GROUP; i++) {
            present[i] = group.shards[i] != null && group.shards[i].length <= group.parityLength;
            if (present[i]) {
                shards[i] = Arrays.copyOf(group.shards[i], group.parityLength);
            } else if (i < FecFraming.DATA_SHARDS) {
                missingData = true;
            }
        }
        if (!missingData || !codec.reconstructData(shards, present, group.parityLength)) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < FecFraming.DATA_SHARDS; i++) {
            if (present[i]) {
                continue;
            }
            byte[] r = shards[i];
            int size = Kcp.int16(r, 0);
            if (size >= 2 + Kcp.OVERHEAD && size <= r.length) {
                byte[] packet = new byte[size - 2];
                System.arraycopy(r, 2, packet, 0, packet.length);
                out.add(packet);
            }
        }
        return out;
    }

    private static final class Group {
        final byte[][] shards = new byte[FecFraming.GROUP][];
        int count;
        int parityLength = -1;
        boolean done;
    }
}
