package io.dmicro.drpc.internal;

import io.dmicro.drpc.session.Reply;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import io.netty.util.Timeout;
import org.jspecify.annotations.Nullable;

/** A call waiting for its reply. */
final class PendingCall {

    /** Assigned when written; a re-send after a redial gets a new one. */
    volatile int seq;
    final String serviceMethod;
    final Type replyType;
    final CompletableFuture<Reply<Object>> future = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    volatile @Nullable Timeout timeout;
    /** Set once the CALL reached the socket: only such calls wait for a reply when a connection breaks. */
    volatile boolean written;
    /** The call as its write hooks saw it; the reply's read hooks share its attributes (a run log measures with them). */
    volatile @Nullable OutboundMessageContext outbound;

    PendingCall(int seq, String serviceMethod, Type replyType) {
        this.seq = seq;
        this.serviceMethod = serviceMethod;
        this.replyType = replyType;
    }

    void cancelTimeout() {
        Timeout t = timeout;
        if (t != null) {
            t.cancel();
        }
    }
}
