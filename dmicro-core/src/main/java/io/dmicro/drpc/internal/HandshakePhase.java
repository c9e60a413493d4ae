package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.CodecException;
import io.dmicro.drpc.internal.transport.LingeringClose;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A session's early phase, before it opens: what its AfterDial and AfterAccept hooks send and
 * receive ({@link io.dmicro.drpc.plugin.EarlySession}), and the {@link HandshakeInbox} that keeps
 * what arrives meanwhile. Once the session is open, or closed by this side, early messages no
 * longer apply and these calls fail with 106 (invalid operation). A redialed connection gets a
 * fresh inbox ({@link #renew}).
 */
final class HandshakePhase {

    private static final String WRONG_PHASE = "Cannot be called during the Non-AfterDial and Non-AfterAccept phase";

    private final DefaultSession session;
    private volatile HandshakeInbox inbox = new HandshakeInbox();

    HandshakePhase(DefaultSession session) {
        this.session = session;
    }

    HandshakeInbox inbox() {
        return inbox;
    }

    /** A fresh connection's handshake: nothing that arrived on the broken one carries over. */
    void renew() {
        inbox = new HandshakeInbox();
    }

    Status send(MessageType type, String serviceMethod, @Nullable Object body, Status status) {
        if (past()) {
            return Status.withCause(Status.INVALID_OP, WRONG_PHASE);
        }
        if (session.state() != SessionState.PREPARING) {
            return Status.withCause(Status.CONN_CLOSED, "connection closed during the handshake");
        }
        Engine engine = session.engine;
        Message m = new Message(session.nextSeq(), type, serviceMethod).status(status).bodyCodec(engine.defaultCodecId);
        try {
            m.body(engine.codecs.encodeBody(body, engine.defaultCodecId));
        } catch (CodecException e) {
            return Status.withCause(Status.BAD_MESSAGE, e.getMessage());
        }
        ChannelFuture f = session.channel().writeAndFlush(m).awaitUninterruptibly();
        return f.isSuccess() ? Status.OK : SessionWriter.writeError(f.cause()).status();
    }

    Message receive(Duration timeout) {
        check();
        return inbox.receiveBlocking(timeout, session.channel().eventLoop());
    }

    CompletableFuture<Message> receiveAsync(Duration timeout) {
        try {
            check();
        } catch (DrpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return inbox.receive(timeout, session.channel().eventLoop());
    }

    <T> @Nullable T decodeBody(Message message, Class<T> type) {
        Engine engine = session.engine;
        byte codec = message.bodyCodec() != 0 ? message.bodyCodec() : engine.defaultCodecId;
        return type.cast(engine.codecs.decodeBody(message.body(), codec, type));
    }

    /**
     * The AfterAccept hooks refused the connection: tells the peer why (a {@link GoAway} carrying the
     * status, which a Java peer reports as its dial's or its calls' failure and an older peer drops),
     * then closes, lingering (at most {@link LingeringClose#NOTICE_LINGER}) so that the notice is read
     * ({@link LingeringClose}; without it the peer's calls would fail 102 instead of with the refusal).
     */
    void refuse(Status why) {
        Channel ch = session.channel();
        ch.writeAndFlush(GoAway.message(session.nextSeq()).status(why)).addListener(f -> {
            if (f.isSuccess()) {
                LingeringClose.close(ch);
            } else {
                ch.close();
            }
        });
    }

    /** Completes when the peer's first handshake message is here, the connection closed, or after {@code wait}. */
    CompletableFuture<Void> peerMessageArrival(Duration wait) {
        return inbox.arrival(wait, session.channel().eventLoop());
    }

    private void check() {
        // a peer that answered and hung up closes the session under the handshake: what it sent is
        // still in the inbox, and after that the answer is 102, not "wrong phase"
        if (past()) {
            throw Status.withCause(Status.INVALID_OP, WRONG_PHASE).toException();
        }
    }

    /** The session was opened (or closed by this side) after its handshake: early messages no longer apply. */
    private boolean past() {
        SessionState s = session.state();
        return s == SessionState.OK || s == SessionState.ACTIVE_CLOSING || s == SessionState.ACTIVE_CLOSED;
    }
}
