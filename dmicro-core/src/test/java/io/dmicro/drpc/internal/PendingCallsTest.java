package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.status.CallTimeoutException;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The calls waiting for replies and their deadlines, without a session or a socket. */
class PendingCallsTest {

    private final ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger settled = new AtomicInteger();
    private final PendingCalls calls = new PendingCalls(() -> timer, settled::incrementAndGet);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static PendingCall call(long timeoutMillis) {
        return new PendingCall("/svc/x", String.class, false, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    private static Throwable failure(PendingCall c) throws Exception {
        try {
            c.future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed normally");
    }

    @Test
    void givesEachCallAFreshSequenceNumberAndFindsItByIt() {
        PendingCall a = call(0);
        PendingCall b = call(0);
        calls.add(a);
        calls.add(b);
        assertThat(a.seq).isNotEqualTo(b.seq);
        assertThat(calls.size()).isEqualTo(2);
        assertThat(calls.take(b.seq)).isSameAs(b);
        assertThat(calls.take(b.seq)).isNull();
        assertThat(calls.size()).isEqualTo(1);
    }

    @Test
    void aSweepFailsOnlyTheCallsPastTheirDeadlineWith408() throws Exception {
        PendingCall due = call(50);
        PendingCall later = call(60_000);
        PendingCall unlimited = call(0);
        calls.add(due);
        calls.add(later);
        calls.add(unlimited);

        calls.sweepAt(due.deadlineNanos - 1);
        assertThat(due.future).isNotDone();
        calls.sweepAt(due.deadlineNanos);
        assertThat(failure(due)).isInstanceOf(CallTimeoutException.class);
        assertThat(later.future).isNotDone();
        assertThat(unlimited.future).isNotDone();
        assertThat(calls.size()).isEqualTo(2);
        assertThat(settled.get()).isEqualTo(1);
    }

    @Test
    void theScheduledSweepTimesOutACallOnItsOwn() throws Exception {
        PendingCall c = call(30);
        calls.add(c);
        assertThat(failure(c)).isInstanceOf(CallTimeoutException.class);
        assertThat(calls.isEmpty()).isTrue();
    }

    @Test
    void aQueuedCallTimesOutAsNotExecuted() throws Exception {
        PendingCall c = call(30);
        calls.queue(c);
        Throwable error = failure(c);
        assertThat(error).isInstanceOf(CallTimeoutException.class);
        assertThat(((DrpcException) error).notExecuted()).isTrue();
        assertThat(calls.unqueue(c)).isFalse();
    }

    @Test
    void aConnectionBreakFailsTheWrittenCallsAndLeavesTheOnesBeingWritten() throws Exception {
        PendingCall written = call(0);
        PendingCall writing = call(0);
        calls.add(written);
        calls.add(writing);
        written.written = true;

        calls.failWritten(PeerVerdict.NONE, "gone");
        assertThat(((DrpcException) failure(written)).code()).isEqualTo(Status.CONN_CLOSED);
        assertThat(writing.future).isNotDone();
        assertThat(calls.remove(writing)).isTrue();
    }

    @Test
    void aLeavingPeerThatSaidWhichCallsItReadFailsEachCutOffCallByWhetherItWasRead() throws Exception {
        PendingCall read = call(0);
        PendingCall unread = call(0);
        calls.add(read);
        calls.add(unread);
        read.written = true;
        unread.written = true;
        PeerVerdict said = PeerVerdict.NONE.afterGoAway(Status.OK, new GoAway.CallsRead(true, read.seq));

        calls.failWritten(said, "gone");
        assertThat(((DrpcException) failure(read)).code()).isEqualTo(Status.CONN_CLOSED);
        DrpcException notRun = (DrpcException) failure(unread);
        assertThat(notRun.code()).isEqualTo(Status.SERVICE_UNAVAILABLE);
        assertThat(notRun.notExecuted()).isTrue();
    }
}
