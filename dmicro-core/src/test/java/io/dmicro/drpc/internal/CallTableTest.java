package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Calls in flight by sequence number: in the ring, in the overflow when their slot is taken, from many threads. */
class CallTableTest {

    private static PendingCall call(int seq) {
        PendingCall c = new PendingCall("/a", Object.class, false, 0);
        c.seq = seq;
        return c;
    }

    @Test
    void callsSharingASlotAreEachFoundByTheirOwnNumber() {
        CallTable table = new CallTable();
        PendingCall first = call(5);
        PendingCall second = call(5 + CallTable.SLOTS);
        PendingCall third = call(5 + 2 * CallTable.SLOTS);
        table.put(first);
        table.put(second);
        table.put(third);
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.take(5 + CallTable.SLOTS)).isSameAs(second);
        assertThat(table.take(5 + CallTable.SLOTS)).as("taken once").isNull();
        assertThat(table.take(5)).isSameAs(first);
        assertThat(table.isEmpty()).isFalse();
        assertThat(table.snapshot()).containsExactly(third);
        assertThat(table.take(5 + 2 * CallTable.SLOTS)).isSameAs(third);
        assertThat(table.isEmpty()).isTrue();
        assertThat(table.size()).isZero();
    }

    @Test
    void aNumberNoCallHasFindsNothingAndRemoveTakesOnlyTheCallItself() {
        CallTable table = new CallTable();
        assertThat(table.take(1)).isNull();
        PendingCall old = call(9);
        table.put(old);
        PendingCall other = call(9);
        assertThat(table.remove(other)).as("same number, another call").isFalse();
        assertThat(table.remove(old)).isTrue();
        assertThat(table.remove(old)).isFalse();
        PendingCall inSlot = call(3);
        PendingCall inOverflow = call(3 + CallTable.SLOTS);
        table.put(inSlot);
        table.put(inOverflow);
        assertThat(table.remove(inOverflow)).isTrue();
        assertThat(table.take(3 + CallTable.SLOTS)).isNull();
        assertThat(table.take(3)).isSameAs(inSlot);
    }

    @Test
    void negativeNumbersAfterTheCounterWrapsFindTheirSlots() {
        CallTable table = new CallTable();
        PendingCall max = call(Integer.MAX_VALUE);
        PendingCall min = call(Integer.MIN_VALUE);
        PendingCall minusOne = call(-1);
        table.put(max);
        table.put(min);
        table.put(minusOne);
        assertThat(table.take(Integer.MIN_VALUE)).isSameAs(min);
        assertThat(table.take(-1)).isSameAs(minusOne);
        assertThat(table.take(Integer.MAX_VALUE)).isSameAs(max);
    }

    @Test
    void everyCallPutFromManyThreadsIsTakenExactlyOnce() throws Exception {
        CallTable table = new CallTable();
        AtomicInteger seqs = new AtomicInteger();
        int threads = 4;
        int perThread = 50_000;
        ConcurrentLinkedQueue<PendingCall> written = new ConcurrentLinkedQueue<>();
        AtomicInteger taken = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads * 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        PendingCall c = call(seqs.incrementAndGet());
                        table.put(c);
                        written.add(c);
                    }
                    return null;
                }));
                work.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    while (mine < perThread) { // the replies, in whatever order the calls were written
                        PendingCall c = written.poll();
                        if (c == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        assertThat(table.take(c.seq)).isSameAs(c);
                        mine++;
                    }
                    taken.addAndGet(mine);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(taken).hasValue(threads * perThread);
        assertThat(table.isEmpty()).isTrue();
    }
}
