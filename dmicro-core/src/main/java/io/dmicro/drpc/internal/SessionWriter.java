package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * Writes a session's messages when its state allows them, with back-pressure: a connection whose
 * outbound buffer is over {@code maxPendingWriteBytes} refuses new writes with 104 instead of
 * queueing without bound. What the states allow: everything when OK; while actively closing,
 * replies and the going-away notice; during a handshake, the AUTH messages. One per endpoint:
 * it keeps nothing of a session.
 */
final class SessionWriter {

    private final long maxPendingWriteBytes;

    SessionWriter(long maxPendingWriteBytes) {
        this.maxPendingWriteBytes = maxPendingWriteBytes;
    }

    static boolean allows(SessionState s, Message m) {
        return switch (s) {
            case OK -> true;
            case ACTIVE_CLOSING -> m.type() == MessageType.REPLY || GoAway.is(m);
            case PREPARING -> m.type() == MessageType.AUTH_CALL || m.type() == MessageType.AUTH_REPLY;
            default -> false;
        };
    }

    /**
     * Writes {@code m} on the session's connection {@code ch}, or fails with the session's closed
     * error when its state does not allow it; from off the event loop through the connection's
     * batch ({@link OffLoopWrites}).
     */
    ChannelFuture write(DefaultSession session, Channel ch, Message m) {
        Throwable refused = refusal(session, ch, m);
        if (refused != null) {
            return ch.newFailedFuture(refused);
        }
        return ch.eventLoop().inEventLoop() ? ch.writeAndFlush(m) : session.offLoopWrites(ch).writeAndFlush(m);
    }

    /**
     * {@link #write(DefaultSession, Channel, Message)}, telling {@code outcome} instead of completing
     * a future (on the connection's event loop, once), and without a promise per message where the
     * connection has its frame encoder ({@link ListenedWrite}).
     */
    void write(DefaultSession session, Channel ch, Message m, ListenedWrite.Outcome outcome) {
        Throwable refused = refusal(session, ch, m);
        if (refused != null) {
            ch.newFailedFuture(refused).addListener(f -> outcome.written(f.cause())); // told as a refused future tells it
            return;
        }
        ListenedWrite w = new ListenedWrite(m, outcome);
        if (ch.eventLoop().inEventLoop()) {
            writeOnLoop(session, ch, w, true);
        } else {
            session.offLoopWrites(ch).write(w);
        }
    }

    /**
     * On {@code ch}'s event loop: to its frame encoder with the void promise, or else with a promise
     * of its own; flushed when {@code flush} (a batch of writes flushes once, after its last).
     */
    static void writeOnLoop(DefaultSession session, Channel ch, ListenedWrite w, boolean flush) {
        Object msg = w;
        ChannelPromise promise = ch.voidPromise();
        if (!session.framedBy(ch)) {
            msg = w.message();
            promise = ch.newPromise();
            promise.addListener(f -> w.tell(f.cause()));
        }
        if (flush) {
            ch.writeAndFlush(msg, promise);
        } else {
            ch.write(msg, promise);
        }
    }

    /** Why {@code m} may not be written now, or null. */
    private @Nullable Throwable refusal(DefaultSession session, Channel ch, Message m) {
        if (!allows(session.state(), m)) {
            return session.closedError();
        }
        ChannelOutboundBuffer buffer = ch.unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() > maxPendingWriteBytes) {
            return DrpcException.notSent(Status.withCause(Status.WRITE_FAILED, "outbound buffer full: "
                    + buffer.totalPendingWriteBytes() + " bytes waiting for a slow peer"));
        }
        return null;
    }

    /** The status a failed write reports; a connection that failed under the write means the message was not sent. */
    static DrpcException writeError(@Nullable Throwable cause) {
        if (cause instanceof DrpcException d) {
            return d;
        }
        if (cause instanceof io.netty.handler.codec.EncoderException e && e.getCause() instanceof DrpcException d) {
            return d;
        }
        if (cause instanceof java.nio.channels.ClosedChannelException || cause instanceof java.io.IOException) {
            return DrpcException.notSent(Status.withCause(Status.CONN_CLOSED, String.valueOf(cause)));
        }
        return Status.withCause(Status.WRITE_FAILED, String.valueOf(cause)).toException();
    }
}
