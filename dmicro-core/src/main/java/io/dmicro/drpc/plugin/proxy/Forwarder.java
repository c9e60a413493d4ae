package io.dmicro.drpc.plugin.proxy;

import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.Session;
import java.util.concurrent.CompletableFuture;

/** Where a proxy sends what it cannot handle: any {@link Session}, or a pool of them. */
public interface Forwarder {

    /** Calls {@code serviceMethod} with an already encoded body; the reply body comes back raw. */
    CompletableFuture<Reply<byte[]>> call(String serviceMethod, byte[] body, CallOptions options);

    CompletableFuture<Void> push(String serviceMethod, byte[] body, CallOptions options);

    /** A forwarder over one session. */
    static Forwarder of(Session session) {
        return new Forwarder() {
            @Override
            public CompletableFuture<Reply<byte[]>> call(String serviceMethod, byte[] body, CallOptions options) {
                return session.callForReply(serviceMethod, body, byte[].class, options);
            }

            @Override
            public CompletableFuture<Void> push(String serviceMethod, byte[] body, CallOptions options) {
                return session.push(serviceMethod, body, options);
            }
        };
    }
}
