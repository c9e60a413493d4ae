package io.dmicro.drpc.internal;

import io.dmicro.drpc.session.Reply;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import io.netty.util.Timeout;
import org.jspecify.annotations.Nullable;

/** A call waiting for its reply. */
final class PendingCall {

    final int seq;
    final String serviceMethod;
    final Type replyType;
    final CompletableFuture<Reply<Object>> future = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    volatile @Nullable Timeout timeout;
    /** The call's per-message attributes, which the reply's read hooks share (a run log measures with them). */
    volatile java.util.@Nullable Map<String, Object> attributes;

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
