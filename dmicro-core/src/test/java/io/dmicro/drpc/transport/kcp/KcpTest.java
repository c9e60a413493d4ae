package io.dmicro.drpc.transport.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
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
    void fecFramingNumbersDataShardsAndSkipsTheParityNumbersAsKcpGoDoes() {
        FecFraming fec = new FecFraming();
        int[] seqids = new int[12];
        for (int i = 0; i < 12; i++) {
            byte[] shard = fec.wrap(new byte[] {9, 9});
            seqids[i] = Kcp.int32(shard, 0);
            assertThat(FecFraming.type(shard)).isEqualTo(FecFraming.TYPE_DATA);
            assertThat(Kcp.int16(shard, 6)).isEqualTo(4); // two KCP bytes plus the size field itself
        }
        assertThat(seqids).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14);
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
