package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What arrives on a session before it opens: handshake messages (AUTH) that its AfterDial or
 * AfterAccept hooks receive, and anything else, kept for delivery once the session opens.
 *
 * <p>A hook waits for the next message with {@link #receive}, which holds no thread: its future
 * completes when the message arrives, fails with 408 at its timeout, or with 102 when the
 * connection closes. The blocking {@link #receiveBlocking} is that future, waited for.
 */
final class HandshakeInbox {

    /*
     * The queue and the arrival list are made on first use, under this lock: a session that
     * opens with no handshake, as most do, never needs either, and keeps its inbox until it closes.
     */
    private @Nullable ArrayDeque<Object> inbox;
    private @Nullable CompletableFuture<Message> waiting;
    private boolean closed;
    private java.util.@Nullable List<CompletableFuture<Void>> arrivals;

    /** Keeps a message or bad frame that arrived before the session opened; completes a waiting receive. */
    void offer(Object inbound) {
        CompletableFuture<Message> w;
        synchronized (this) {
            w = waiting;
            if (w == null || w.isDone()) {
                if (inbox == null) {
                    inbox = new ArrayDeque<>(4);
                }
                inbox.add(inbound);
                w = null;
            } else {
                waiting = null;
            }
        }
        if (w == null) {
            signalArrival();
            return;
        }
        complete(w, inbound);
    }

    /** The connection closed: a waiting receive fails with 102, as do those after it. */
    void close() {
        CompletableFuture<Message> w;
        synchronized (this) {
            closed = true;
            w = waiting;
            waiting = null;
        }
        if (w != null) {
            w.completeExceptionally(Status.withCause(Status.CONN_CLOSED, "connection closed during the handshake").toException());
        }
        signalArrival();
    }

    /** The next message; waits without a thread, up to {@code timeout} on {@code timer}. */
    CompletableFuture<Message> receive(Duration timeout, ScheduledExecutorService timer) {
        CompletableFuture<Message> f = new CompletableFuture<>();
        Object ready;
        synchronized (this) {
            ready = poll();
            if (ready == null) {
                if (closed) {
                    return CompletableFuture.failedFuture(Status.withCause(Status.CONN_CLOSED, "connection closed during the handshake").toException());
                }
                if (waiting != null && !waiting.isDone()) {
                    return CompletableFuture.failedFuture(Status.withCause(Status.INVALID_OP, "a handshake message is awaited already").toException());
                }
                waiting = f;
            }
        }
        if (ready != null) {
            complete(f, ready);
            return f;
        }
        ScheduledFuture<?> t = timer.schedule(() -> {
            f.completeExceptionally(Status.withCause(Status.HANDLE_TIMEOUT, "no handshake message within " + timeout.toMillis() + " ms").toException());
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        f.whenComplete((m, e) -> t.cancel(false));
        return f;
    }

    /**
     * Completes (never fails) when something has arrived, the connection closed, or {@code timeout}
     * passed: the moment a handshake that starts by receiving can run without waiting.
     */
    CompletableFuture<Void> arrival(Duration timeout, ScheduledExecutorService timer) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if ((inbox != null && !inbox.isEmpty()) || closed) {
                return CompletableFuture.completedFuture(null);
            }
            if (arrivals == null) {
                arrivals = new java.util.ArrayList<>(1);
            }
            arrivals.add(f);
        }
        ScheduledFuture<?> t = timer.schedule(() -> f.complete(null), timeout.toNanos(), TimeUnit.NANOSECONDS);
        f.whenComplete((v, e) -> t.cancel(false));
        return f;
    }

    private void signalArrival() {
        java.util.List<CompletableFuture<Void>> ready;
        synchronized (this) {
            if (arrivals == null || arrivals.isEmpty()) {
                return;
            }
            ready = new java.util.ArrayList<>(arrivals);
            arrivals.clear();
        }
        ready.forEach(f -> f.complete(null));
    }

    Message receiveBlocking(Duration timeout, ScheduledExecutorService timer) {
        try {
            return receive(timeout, timer).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.withCause(Status.CONN_CLOSED, "interrupted during the handshake").toException();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw Status.withCause(Status.UNKNOWN_ERROR, String.valueOf(e.getCause())).toException();
        }
    }

    /** Hands everything kept to {@code deliver}, in arrival order; later arrivals are the caller's. */
    void drainTo(Consumer<Object> deliver) {
        Object next;
        while ((next = poll()) != null) {
            deliver.accept(next);
        }
    }

    /** The status of a refusal notice ({@link GoAway} with a status) among what is kept, if any. */
    synchronized io.dmicro.drpc.status.@Nullable Status refusal() {
        if (inbox == null) {
            return null;
        }
        for (Object o : inbox) {
            if (o instanceof Message m && GoAway.is(m) && !m.status().isOk()) {
                return m.status();
            }
        }
        return null;
    }

    private synchronized @Nullable Object poll() {
        return inbox == null ? null : inbox.poll();
    }

    private static void complete(CompletableFuture<Message> f, Object inbound) {
        if (inbound instanceof Message m) {
            f.complete(m);
        } else {
            f.completeExceptionally((ProtoException) inbound);
        }
    }
}
