package io.dmicro.drpc.plugin;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.status.Status;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session before it is open for calls: what {@link AfterDial} and {@link AfterAccept} hooks see.
 * Handshakes (auth) exchange messages here with {@link #earlySend} and {@link #earlyReceive}, which
 * work only during those hooks.
 */
public interface EarlySession {

    String id();

    void setId(String id);

    SocketAddress remoteAddress();

    SocketAddress localAddress();

    /** Attributes bound to the session; thread-safe. */
    Map<String, Object> attributes();

    /** Sends one message during the handshake; the body is encoded with the endpoint's default codec. */
    Status earlySend(MessageType type, String serviceMethod, @Nullable Object body, Status status);

    /** Waits for the next message during the handshake, up to the timeout. */
    Message earlyReceive(Duration timeout);

    /**
     * Like {@link #earlyReceive}, without holding a thread while it waits: the future completes with
     * the message, or fails with 408 at the timeout and 102 when the connection closes first.
     */
    default java.util.concurrent.CompletableFuture<Message> earlyReceiveAsync(Duration timeout) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(earlyReceive(timeout));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Decodes a received handshake body. */
    <T> @Nullable T decodeBody(Message message, Class<T> type);

    /** The session this handshake opens, as the rest of its life sees it (listeners, hubs). */
    default io.dmicro.drpc.session.Session session() {
        if (this instanceof io.dmicro.drpc.session.Session s) {
            return s;
        }
        throw new UnsupportedOperationException(getClass().getName() + " is not a Session");
    }
}
