package io.dmicro.drpc.internal;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A call waiting for its reply. */
final class PendingCall {

    /** Assigned when written; a re-send after a redial gets a new one. */
    volatile int seq;
    final String serviceMethod;
    final Type replyType;
    /** Completes with the decoded body, or with a {@link Reply} when {@link #wantsReply}. */
    final CompletableFuture<Object> future = new CompletableFuture<>();
    /** Whether the caller asked for the reply's meta and codec too ({@code callForReply}). */
    final boolean wantsReply;
    /** How long the call may wait for its reply; 0 when it waits without limit. */
    volatile long timeoutNanos;
    /**
     * {@code System.nanoTime()} after which the call times out, set by the first sweep that sees
     * the call (so sending reads no clock); meaningful once {@link #deadlineSet}.
     */
    long deadlineNanos;
    /** Whether a sweep set {@link #deadlineNanos}; only sweeps, which never overlap, read and write these two. */
    boolean deadlineSet;
    /** Set once the CALL reached the socket: only such calls wait for a reply when a connection breaks. */
    volatile boolean written;
    /** The call as its write hooks saw it; the reply's read hooks share its attributes (a run log measures with them). */
    volatile @Nullable OutboundMessageContext outbound;

    PendingCall(int seq, String serviceMethod, Type replyType, boolean wantsReply) {
        this.seq = seq;
        this.wantsReply = wantsReply;
        this.serviceMethod = serviceMethod;
        this.replyType = replyType;
    }

}
