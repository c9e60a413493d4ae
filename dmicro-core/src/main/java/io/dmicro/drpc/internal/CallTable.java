package io.dmicro.drpc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * A session's calls in flight by sequence number, for any thread. Sequence numbers are handed out
 * one after another, so the calls in flight at once fall into distinct slots of a small ring
 * ({@code seq} modulo its size) and are added and taken with one compare-and-set each; a call
 * whose slot is still held by one {@value #SLOTS} numbers older goes to an overflow map. A
 * {@code ConcurrentHashMap<Integer, ...>} took a third of a calling thread's work outside the
 * codec: a boxed key, a node and a counter update per call.
 */
final class CallTable {

    static final int SLOTS = 256;

    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<CallTable, ConcurrentHashMap> OVERFLOW =
            AtomicReferenceFieldUpdater.newUpdater(CallTable.class, ConcurrentHashMap.class, "overflow");

    private final AtomicReferenceArray<@Nullable PendingCall> ring = new AtomicReferenceArray<>(SLOTS);
    /** Made when a slot is first found taken; once made, it stays. */
    private volatile @Nullable ConcurrentHashMap<Integer, PendingCall> overflow;

    /** Adds {@code call} under its {@link PendingCall#seq}, which no other call in the table has. */
    void put(PendingCall call) {
        int seq = call.seq;
        if (!ring.compareAndSet(seq & (SLOTS - 1), null, call)) {
            overflow().put(seq, call);
        }
    }

    /** The call under {@code seq}, no longer in the table; null when there is none. */
    @Nullable PendingCall take(int seq) {
        int slot = seq & (SLOTS - 1);
        PendingCall c = ring.get(slot);
        if (c != null && c.seq == seq && ring.compareAndSet(slot, c, null)) {
            return c;
        }
        ConcurrentHashMap<Integer, PendingCall> o = overflow;
        return o == null ? null : o.remove(seq);
    }

    /** Removes {@code call} itself (not another call that took its number since); whether it was there. */
    boolean remove(PendingCall call) {
        int seq = call.seq;
        if (ring.compareAndSet(seq & (SLOTS - 1), call, null)) {
            return true;
        }
        ConcurrentHashMap<Integer, PendingCall> o = overflow;
        return o != null && o.remove(seq, call);
    }

    /** The calls in the table now; a call added or taken meanwhile may or may not be in it. */
    List<PendingCall> snapshot() {
        List<PendingCall> calls = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            PendingCall c = ring.get(i);
            if (c != null) {
                calls.add(c);
            }
        }
        ConcurrentHashMap<Integer, PendingCall> o = overflow;
        if (o != null) {
            calls.addAll(o.values());
        }
        return calls;
    }

    int size() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (ring.get(i) != null) {
                n++;
            }
        }
        ConcurrentHashMap<Integer, PendingCall> o = overflow;
        return o == null ? n : n + o.size();
    }

    boolean isEmpty() {
        ConcurrentHashMap<Integer, PendingCall> o = overflow;
        if (o != null && !o.isEmpty()) {
            return false;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (ring.get(i) != null) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private ConcurrentHashMap<Integer, PendingCall> overflow() {
        return LazyFields.get(OVERFLOW, this, t -> new ConcurrentHashMap<Integer, PendingCall>());
    }
}
