package io.dmicro.drpc.internal;

import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A call waiting for its reply (or a push waiting to be written after a redial). */
final class PendingCall {

    /** Assigned when written; a re-send after a redial gets a new one. */
    volatile int seq;
    final String serviceMethod;
    final Type replyType;
    /** Completes with the decoded body, or with a {@link io.dmicro.drpc.session.Reply} when {@link #wantsReply}. */
    final CompletableFuture<Object> future;
    /** Whether the caller asked for the reply's meta and codec too ({@code callForReply}). */
    final boolean wantsReply;
    /** How long the call may wait; 0 when it waits without limit. */
    final long timeoutNanos;
    /** {@code System.nanoTime()} after which the call times out, fixed when it was made; 0 without a limit. */
    final long deadlineNanos;
    /** Set when the call waits for a redial before it is first sent. */
    volatile boolean waited;
    /** Set once the CALL reached the socket: only such calls wait for a reply when a connection breaks. */
    volatile boolean written;
    /** The call as its write hooks saw it; the reply's read hooks share its attributes (a run log measures with them). */
    volatile @Nullable OutboundMessageContext outbound;

    @SuppressWarnings("unchecked")
    PendingCall(String serviceMethod, Type replyType, boolean wantsReply, long timeoutNanos, CompletableFuture<?> future) {
        this.wantsReply = wantsReply;
        this.serviceMethod = serviceMethod;
        this.replyType = replyType;
        this.timeoutNanos = Math.max(0, timeoutNanos);
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        this.deadlineNanos = deadline == 0 && timeoutNanos > 0 ? 1 : deadline; // 0 means "no deadline"
        this.future = (CompletableFuture<Object>) future;
    }

    PendingCall(String serviceMethod, Type replyType, boolean wantsReply, long timeoutNanos) {
        this(serviceMethod, replyType, wantsReply, timeoutNanos, new CompletableFuture<>());
    }

    boolean isOverdue(long now) {
        return deadlineNanos != 0 && now - deadlineNanos >= 0;
    }

    DrpcException timeoutError(String what) {
        return Status.withCause(Status.HANDLE_TIMEOUT, what + serviceMethod + " within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms").toException();
    }
}
