package io.dmicro.drpc.internal;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One session's calls waiting for their replies, by sequence number, and their deadlines.
 *
 * <p>Deadlines: while calls wait, one sweep task every {@link #SWEEP_INTERVAL_NANOS} (10 ms) fails
 * those past their deadline with 408, instead of a timer armed and cancelled per call. A call's
 * deadline is fixed when it is created (before any wait for a redial), so a timeout never fires
 * early, and at most one interval late plus however long the I/O thread is busy elsewhere.
 * Calls queued until a redial ends are swept the same way ({@link #queue}).
 */
final class PendingCalls {

    static final long SWEEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /* Field updaters, not atomic objects: every session holds a PendingCalls. */
    private static final AtomicReferenceFieldUpdater<PendingCalls, CallTable> IN_FLIGHT =
            AtomicReferenceFieldUpdater.newUpdater(PendingCalls.class, CallTable.class, "inFlight");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<PendingCalls, ConcurrentHashMap> QUEUED =
            AtomicReferenceFieldUpdater.newUpdater(PendingCalls.class, ConcurrentHashMap.class, "queued");
    /*
     * Both tables are made on first use: an idle session has none, and most sessions never queue.
     * Once made, a table stays.
     */
    private volatile @Nullable CallTable inFlight;
    /** Calls and pushes that wait for a redial to end before they are written. */
    private volatile @Nullable ConcurrentHashMap<PendingCall, Boolean> queued;
    private static final AtomicIntegerFieldUpdater<PendingCalls> SEQ = AtomicIntegerFieldUpdater.newUpdater(PendingCalls.class, "seq");
    private static final AtomicIntegerFieldUpdater<PendingCalls> SWEEPING = AtomicIntegerFieldUpdater.newUpdater(PendingCalls.class, "sweeping");

    @SuppressWarnings("unused") // through SEQ
    private volatile int seq;
    /** 1 while a sweep is scheduled. */
    @SuppressWarnings("unused") // through SWEEPING
    private volatile int sweeping;
    private final Supplier<ScheduledExecutorService> timer;
    private final Runnable settled;

    /**
     * @param timer where sweeps run (the session's I/O thread)
     * @param settled run after a sweep failed calls: a drain may be complete
     */
    PendingCalls(Supplier<ScheduledExecutorService> timer, Runnable settled) {
        this.timer = timer;
        this.settled = settled;
    }

    int nextSeq() {
        return SEQ.incrementAndGet(this);
    }

    /** Registers a call about to be written under a fresh sequence number. */
    void add(PendingCall call) {
        int s = nextSeq();
        call.seq = s;
        inFlight().put(call);
        if (call.deadlineNanos != 0) {
            armSweep();
        }
    }

    /** Holds a call or push until a redial ends; its deadline goes on running meanwhile. */
    void queue(PendingCall call) {
        queued().put(call, Boolean.TRUE);
        if (call.deadlineNanos != 0) {
            armSweep();
        }
    }

    /** Whether the call was still queued (not timed out meanwhile); it no longer is. */
    boolean unqueue(PendingCall call) {
        ConcurrentHashMap<PendingCall, Boolean> q = queued;
        return q != null && q.remove(call) != null;
    }

    /** The call a reply answers, no longer waiting; null when none does. */
    @Nullable PendingCall take(int seq) {
        CallTable t = inFlight;
        return t == null ? null : t.take(seq);
    }

    boolean remove(PendingCall call) {
        CallTable t = inFlight;
        return t != null && t.remove(call);
    }

    int size() {
        CallTable t = inFlight;
        return t == null ? 0 : t.size();
    }

    boolean isEmpty() {
        CallTable t = inFlight;
        return t == null || t.isEmpty();
    }

    private boolean noneQueued() {
        ConcurrentHashMap<PendingCall, Boolean> q = queued;
        return q == null || q.isEmpty();
    }

    /** Fails every written call with what {@code verdict} says of it (a call still being written is left to its write's outcome). */
    void failWritten(PeerVerdict verdict, String why) {
        CallTable inFlight = this.inFlight;
        if (inFlight == null) {
            return;
        }
        for (PendingCall call : inFlight.snapshot()) {
            if (call.written && inFlight.remove(call)) {
                call.future.completeExceptionally(verdict.broken(call.seq, why).toException());
            }
        }
    }

    /** Fails every queued call or push: the redial they waited for will not come. */
    void failQueued(Supplier<DrpcException> why) {
        ConcurrentHashMap<PendingCall, Boolean> queued = this.queued;
        if (queued == null) {
            return;
        }
        for (PendingCall call : new ArrayList<>(queued.keySet())) {
            if (queued.remove(call) != null) {
                call.future.completeExceptionally(why.get());
            }
        }
    }

    private CallTable inFlight() {
        return LazyFields.get(IN_FLIGHT, this, p -> new CallTable());
    }

    @SuppressWarnings("unchecked")
    private ConcurrentHashMap<PendingCall, Boolean> queued() {
        return LazyFields.get(QUEUED, this, p -> new ConcurrentHashMap<PendingCall, Boolean>());
    }

    private void armSweep() {
        if (SWEEPING.compareAndSet(this, 0, 1)) {
            scheduleSweep();
        }
    }

    private void scheduleSweep() {
        try {
            timer.get().schedule(this::sweep, SWEEP_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            SWEEPING.set(this, 0); // the endpoint is shutting down: its close fails what is left
        }
    }

    private void sweep() {
        sweepAt(System.nanoTime());
        if (!isEmpty() || !noneQueued()) {
            scheduleSweep();
            return;
        }
        SWEEPING.set(this, 0);
        if (!isEmpty() || !noneQueued()) {
            armSweep(); // a call arrived between the check and the reset
        }
    }

    /** Fails the calls whose deadline is at or before {@code now}; visible for tests. */
    void sweepAt(long now) {
        boolean failed = false;
        CallTable inFlight = this.inFlight;
        if (inFlight != null) {
            for (PendingCall call : inFlight.snapshot()) {
                if (call.isOverdue(now) && inFlight.remove(call)) {
                    call.future.completeExceptionally(call.timeoutError("no reply to "));
                    failed = true;
                }
            }
        }
        ConcurrentHashMap<PendingCall, Boolean> queued = this.queued;
        if (queued != null) {
            for (PendingCall call : queued.keySet()) {
                if (call.isOverdue(now) && queued.remove(call) != null) {
                    // never written: not executed, so a caller may retry it elsewhere
                    call.future.completeExceptionally(DrpcException.notSent(call.timeoutError("not sent while redialing: ").status()));
                    failed = true;
                }
            }
        }
        if (failed) {
            settled.run();
        }
    }
}
