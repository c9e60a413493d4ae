package io.dmicro.drpc.transport.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Two KCP ends wired back to back through an in-memory link that may lose datagrams, on a manual clock. */
class KcpTest {

    private long now = 1_000;
    private final ArrayDeque<byte[]> toB = new ArrayDeque<>();
    private final ArrayDeque<byte[]> toA = new ArrayDeque<>();

    @Test
    void deliversABodyLargerThanTheWindowInOrderOverALossyLink() {
        Random random = new Random(42);
        Kcp a = new Kcp(7, 1392, p -> { if (random.nextInt(4) != 0) toB.add(p); }); // 25% lost
        Kcp b = new Kcp(7, 1392, p -> { if (random.nextInt(4) != 0) toA.add(p); });
        byte[] body = new byte[200_000];
        random.nextBytes(body);
        a.send(body, 0, body.length);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int tick = 0; tick < 20_000 && got.size() < body.length; tick++) {
            now += 10;
            a.flush(now);
            b.flush(now);
            drain(toB, b, got);
            drain(toA, a, null);
        }
        assertThat(got.toByteArray()).isEqualTo(body);
        assertThat(a.isDead()).isFalse();
    }

    @Test
    void rejectsAnotherConversationAndTruncatedSegments() {
        Kcp a = new Kcp(7, 1392, toB::add);
        Kcp other = new Kcp(8, 1392, toB::add);
        other.send(new byte[] {1, 2, 3}, 0, 3);
        other.flush(now);
        byte[] foreign = toB.poll();
        assertThat(a.input(foreign, 0, foreign.length, now)).isFalse();
        assertThat(a.input(new byte[10], 0, 10, now)).isFalse();
        a.send(new byte[] {1, 2, 3}, 0, 3);
        a.flush(now);
        byte[] own = toB.poll();
        Kcp b = new Kcp(7, 1392, toA::add);
        assertThat(b.input(own, 0, own.length - 1, now)).isFalse(); // the last data byte cut off
    }

    @Test
    void declaresThePeerDeadAfterTwentyUnansweredTransmissions() {
        Kcp a = new Kcp(7, 1392, p -> { });
        a.send(new byte[] {1}, 0, 1);
        for (int i = 0; i < 100_000 && !a.isDead(); i++) {
            now += 100;
            a.flush(now);
        }
        assertThat(a.isDead()).isTrue();
    }

    @Test
    void fecNumbersShardsAsKcpGoAndSendsThreeParityShardsAfterEveryTenData() {
        FecEncoder fec = new FecEncoder();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            sent.addAll(fec.encode(new byte[] {9, 9, (byte) i}));
        }
        assertThat(sent).hasSize(14);
        for (int i = 0; i < 14; i++) {
            assertThat(FecFraming.seqid(sent.get(i))).isEqualTo(i);
            assertThat(FecFraming.type(sent.get(i))).isEqualTo(i >= 10 && i < 13 ? FecFraming.TYPE_PARITY : FecFraming.TYPE_DATA);
        }
        assertThat(Kcp.int16(sent.get(0), 6)).isEqualTo(5); // three KCP bytes plus the size field itself
    }

    /** Parity computed by klauspost/reedsolomon v1.12.0 (kcp-go's) for New(10, 3) over these shards. */
    @Test
    void reedSolomonParityMatchesKlauspost() {
        byte[][] shards = new byte[13][8];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 8; j++) {
                shards[i][j] = (byte) (i * 31 + j * 7 + 1);
            }
        }
        new ReedSolomon(10, 3).encode(shards);
        assertThat(HexFormat.of().formatHex(shards[10])).isEqualTo("0b174524e32a0ebc");
        assertThat(HexFormat.of().formatHex(shards[11])).isEqualTo("8cb464cec271ef8e");
        assertThat(HexFormat.of().formatHex(shards[12])).isEqualTo("8c3b832af68e5770");
    }

    @Test
    void fecRecoversUpToThreeLostDataShardsOfAGroup() {
        FecEncoder encoder = new FecEncoder();
        FecDecoder decoder = new FecDecoder();
        List<byte[]> packets = new ArrayList<>();
        List<byte[]> shards = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            byte[] packet = new byte[Kcp.OVERHEAD + random.nextInt(300)];
            random.nextBytes(packet);
            packets.add(packet);
            shards.addAll(encoder.encode(packet));
        }
        List<byte[]> recovered = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            if (i != 2 && i != 5 && i != 9) { // three data shards lost
                recovered.addAll(decoder.shard(shards.get(i)));
            }
        }
        assertThat(recovered).containsExactly(packets.get(2), packets.get(5), packets.get(9));
    }

    private void drain(ArrayDeque<byte[]> queue, Kcp to, ByteArrayOutputStream sink) {
        while (!queue.isEmpty()) {
            byte[] p = queue.poll();
            to.input(p, 0, p.length, now);
        }
        to.receive(m -> {
            if (sink != null) {
                sink.writeBytes(m);
            }
        });
    }
}
