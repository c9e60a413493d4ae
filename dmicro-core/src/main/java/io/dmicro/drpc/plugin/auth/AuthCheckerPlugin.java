package io.dmicro.drpc.plugin.auth;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.plugin.AfterAccept;
import io.dmicro.drpc.plugin.AwaitsPeerMessage;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every accepted connection before it opens: reads one AUTH_CALL, lets the
 * {@link Checker} decide, and always answers with an AUTH_REPLY carrying the verdict. A refused
 * peer's connection is closed; none of its messages reaches a handler.
 *
 * <p>The wait for the AUTH_CALL holds no thread ({@link AwaitsPeerMessage}): the checker runs on
 * the handler pool once the message is there, and a peer silent for the whole timeout is answered
 * 408 and closed.
 */
public final class AuthCheckerPlugin implements AfterAccept, AwaitsPeerMessage {

    private static final Logger log = LoggerFactory.getLogger(AuthCheckerPlugin.class);

    /** How long a handshake waits for the other side's message by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Checker checker;
    private final Duration timeout;

    private AuthCheckerPlugin(Checker checker, Duration timeout) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.timeout = checkTimeout(timeout);
    }

    public static AuthCheckerPlugin of(Checker checker) {
        return new AuthCheckerPlugin(checker, DEFAULT_TIMEOUT);
    }

    /** Waits at most {@code timeout} for the peer's AUTH_CALL. */
    public static AuthCheckerPlugin of(Checker checker, Duration timeout) {
        return new AuthCheckerPlugin(checker, timeout);
    }

    /** Accepts peers that send exactly {@code token}. */
    public static AuthCheckerPlugin token(String token) {
        Objects.requireNonNull(token, "token");
        return of((session, receive) -> token.equals(receive.receive(String.class))
                ? AuthResult.accept(null) : AuthResult.refuse("invalid token"));
    }

    @Override
    public String name() {
        return "authChecker";
    }

    @Override
    public Duration peerMessageTimeout() {
        return timeout;
    }

    /** What is left of the timeout, counted from the accept: the engine waited the rest already. */
    private Duration remaining(EarlySession session) {
        if (!(session instanceof io.dmicro.drpc.session.Session s)) {
            return timeout;
        }
        Duration left = timeout.minus(Duration.between(s.createdAt(), java.time.Instant.now()));
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    @Override
    public Status afterAccept(EarlySession session) {
        AtomicBoolean used = new AtomicBoolean();
        AuthReceiver receiver = new AuthReceiver() {
            @Override
            public <T> T receive(Class<T> type) {
                if (!used.compareAndSet(false, true)) {
                    throw Status.withCause(Status.INTERNAL_SERVER_ERROR, "an auth handshake receives once").toException();
                }
                Message m = session.earlyReceive(remaining(session));
                if (m.type() != MessageType.AUTH_CALL) {
                    throw Status.withCause(Status.UNAUTHORIZED,
                            "auth message(1st) expect: AUTH_CALL, but received: " + m.type().text()).toException();
                }
                try {
                    return session.decodeBody(m, type);
                } catch (RuntimeException e) {
                    throw Status.withCause(Status.BAD_MESSAGE, "cannot decode the AUTH_CALL: " + e.getMessage()).toException();
                }
            }
        };
        AuthResult result;
        try {
            result = checker.check(session, receiver);
            if (result.status().isOk() && !used.get()) {
                result = AuthResult.refuse("the checker accepted without receiving credentials");
            }
        } catch (DrpcException e) {
            result = AuthResult.refuse(e.status());
        }
        Status sent = session.earlySend(MessageType.AUTH_REPLY, "", result.status().isOk() ? result.reply() : null, result.status());
        if (!result.status().isOk()) {
            log.info("session {} refused by the auth checker: {}", session.id(), result.status());
            return result.status();
        }
        return sent;
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("auth handshake timeout must be positive: " + timeout);
        }
        return timeout;
    }
}
