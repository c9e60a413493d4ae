package io.dmicro.drpc.plugin.auth;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.plugin.AfterDial;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Authenticates every dialed connection (first dials and redials) before it opens: sends one
 * AUTH_CALL and reads the AUTH_REPLY. A refusal fails the dial attempt; redialing goes on with
 * the next attempt (andeya/erpc#86).
 *
 * <pre>{@code
 * AuthBearerPlugin.of((session, send) -> send.send("token-123", String.class).status())
 * }</pre>
 */
public final class AuthBearerPlugin implements AfterDial {

    private final Bearer bearer;
    private final Duration timeout;

    private AuthBearerPlugin(Bearer bearer, Duration timeout) {
        this.bearer = Objects.requireNonNull(bearer, "bearer");
        this.timeout = AuthCheckerPlugin.checkTimeout(timeout);
    }

    public static AuthBearerPlugin of(Bearer bearer) {
        return new AuthBearerPlugin(bearer, AuthCheckerPlugin.DEFAULT_TIMEOUT);
    }

    /** Waits at most {@code timeout} for the AUTH_REPLY. */
    public static AuthBearerPlugin of(Bearer bearer, Duration timeout) {
        return new AuthBearerPlugin(bearer, timeout);
    }

    /** Sends {@code token} and accepts an OK reply. */
    public static AuthBearerPlugin token(String token) {
        Objects.requireNonNull(token, "token");
        return of((session, send) -> send.send(token, byte[].class).status());
    }

    @Override
    public String name() {
        return "authBearer";
    }

    @Override
    public Status afterDial(EarlySession session, boolean isRedial) {
        AtomicBoolean used = new AtomicBoolean();
        AuthSender sender = new AuthSender() {
            @Override
            public <T> AuthReply<T> send(Object credentials, Class<T> replyType) {
                if (!used.compareAndSet(false, true)) {
                    return new AuthReply<>(Status.withCause(Status.WRITE_FAILED, "an auth handshake sends once"), null);
                }
                Status sent = session.earlySend(MessageType.AUTH_CALL, "", credentials, Status.OK);
                if (!sent.isOk()) {
                    return new AuthReply<>(sent, null);
                }
                Message reply;
                try {
                    reply = session.earlyReceive(timeout);
                } catch (DrpcException e) {
                    return new AuthReply<>(e.status(), null);
                }
                if (reply.type() != MessageType.AUTH_REPLY) {
                    return new AuthReply<>(Status.withCause(Status.UNAUTHORIZED,
                            "auth message(1st) expect: AUTH_REPLY, but received: " + reply.type().text()), null);
                }
                if (!reply.status().isOk()) {
                    return new AuthReply<>(reply.status(), null);
                }
                try {
                    return new AuthReply<>(Status.OK, session.decodeBody(reply, replyType));
                } catch (RuntimeException e) {
                    return new AuthReply<>(Status.withCause(Status.BAD_MESSAGE, "cannot decode the AUTH_REPLY: " + e.getMessage()), null);
                }
            }
        };
        Status s = bearer.authenticate(session, sender);
        if (s == null) {
            return Status.OK;
        }
        if (s.isOk() && !used.get()) {
            return Status.withCause(Status.UNAUTHORIZED, "the bearer accepted without sending credentials");
        }
        return s;
    }
}
