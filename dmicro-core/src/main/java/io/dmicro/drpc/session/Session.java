package io.dmicro.drpc.session;

import io.dmicro.drpc.status.DrpcException;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One connection between two endpoints, the same on both ends: either side can {@link #call} the
 * other and {@link #push} to it. Thread-safe.
 *
 * <p>A call's future completes with the decoded reply, or fails with a {@link DrpcException}
 * carrying the status: the remote handler's error, 408 when the call timed out, 102 when the
 * connection closed first, 503 when either side is closing gracefully (the call was not run:
 * {@link DrpcException#notExecuted()}). Futures complete on the connection's I/O thread: chain
 * blocking work with the {@code *Async} variants.
 */
public interface Session {

    /**
     * The id: by default the remote address on an accepted session, the local address on a dialed
     * one (as in the original). Ids need not be unique: both ends of a connection an endpoint
     * dialed to itself show the same one, and both stay open.
     */
    String id();

    /**
     * Changes the id under which the endpoint finds this session. An id another session shows
     * already is allowed: neither session is closed, and {@code Endpoint.session(id)} finds this
     * one, the newest to take the id, while {@code Endpoint.sessions(id)} lists both. To keep one
     * session per id (one login per user), close the other session first.
     */
    void setId(String id);

    SocketAddress remoteAddress();

    SocketAddress localAddress();

    /** Whether this end dialed the connection. */
    boolean isDialed();

    /** The name of the proto this session speaks ({@code raw}, {@code http}, {@code jsonrpc}, …). */
    default String protoName() {
        return "unknown";
    }

    /** Values a user binds to the session; thread-safe. */
    Map<String, Object> attributes();

    SessionState state();

    /** True when the session is open, or when it is a dialed session that will redial on next use. */
    boolean isHealthy();

    Instant createdAt();

    /** When bytes last moved on the connection, either way: stamped per socket read and per flush, not per message. */
    Instant lastActivity();

    /** Outgoing calls waiting for their reply. */
    int callsInFlight();

    /** Incoming calls and pushes whose handlers are running. */
    int handlersInFlight();

    /** Bytes of the proto received on this session (across redials). */
    long bytesReceived();

    /** Bytes of the proto written on this session (across redials). */
    long bytesSent();

    /** Calls a route of the peer and decodes the reply body into {@code replyType}. */
    default <T> CompletableFuture<T> call(String route, @Nullable Object arg, Class<T> replyType) {
        return call(route, arg, replyType, CallOptions.DEFAULT);
    }

    default <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options) {
        return this.<T>callForReply(route, arg, replyType, options).thenApply(Reply::body);
    }

    /** Like {@link #call}, but the future also carries the reply's meta and codec. */
    <T> CompletableFuture<Reply<T>> callForReply(String route, @Nullable Object arg, Type replyType, CallOptions options);

    /** Blocks for a call's reply; failures are thrown as {@link DrpcException}. */
    default <T> @Nullable T callSync(String route, @Nullable Object arg, Class<T> replyType) {
        return await(call(route, arg, replyType));
    }

    /** Sends a one-way message; the future completes once it is written. */
    default CompletableFuture<Void> push(String route, @Nullable Object arg) {
        return push(route, arg, CallOptions.DEFAULT);
    }

    CompletableFuture<Void> push(String route, @Nullable Object arg, CallOptions options);

    /** Completes once the session has closed, for whatever reason. */
    CompletableFuture<Void> closeFuture();

    /**
     * Closes actively and gracefully: the peer is told the session is going away, new calls either
     * way are refused with 503, running handlers finish and reply, calls waiting for replies get
     * them, and the connection closes as soon as that work is done. The future completes when closed.
     */
    CompletableFuture<Void> close();

    /** Like {@link #close()}, but waits at most {@code drainTimeout} before closing anyway. */
    CompletableFuture<Void> close(Duration drainTimeout);

    /** The absolute lifetime; zero means unlimited. */
    Duration sessionAge();

    /** Restarts the lifetime from now; zero or negative means unlimited. */
    void setSessionAge(Duration age);

    /** Waits for a future, rethrowing a failure as the {@link DrpcException} it carries. */
    static <T> @Nullable T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrpcException(io.dmicro.drpc.status.Status.withCause(io.dmicro.drpc.status.Status.UNKNOWN_ERROR, "interrupted"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DrpcException d) {
                throw d;
            }
            throw new DrpcException(io.dmicro.drpc.status.Status.withCause(io.dmicro.drpc.status.Status.UNKNOWN_ERROR, String.valueOf(cause)), cause);
        }
    }
}
