package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.CodecException;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.plugin.AfterDisconnect;
import io.dmicro.drpc.plugin.BeforeReadHeader;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link Session}: a connection's identity and state machine. Its other
 * jobs are parts of their own: sending calls and pushes ({@link OutboundSender}), calls in flight
 * and their deadlines ({@link PendingCalls}), the handshake ({@link HandshakeInbox}), writing with
 * back-pressure ({@link SessionWriter}), the graceful close ({@link Drain}, {@link GoAway}),
 * redialing a dialed session ({@link Redialer}) and inbound dispatch ({@link InboundDispatcher}).
 * I/O happens on the channel's event loop; public methods are safe from any thread.
 */
public final class DefaultSession implements Session, EarlySession, io.dmicro.drpc.transport.ChannelSession {

    private static final Logger log = LoggerFactory.getLogger(DefaultSession.class);

    final Engine engine;
    final Proto proto;
    private final boolean dialed;
    /** Null on an accepted session, and on a dialed one that must not redial. */
    private final @Nullable Redialer redialer;
    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.PREPARING);
    private final PendingCalls calls;
    private final SessionWriter writer;
    /** How long a drained session keeps answering (503) calls its told peer sent before reading the notice. */
    private static final Duration PEER_CLOSE_GRACE = Duration.ofMillis(250);

    private final Drain drain;
    private final InboundDispatcher dispatcher;
    private final OutboundSender sender;
    private final AtomicInteger handlersInFlight = new AtomicInteger();
    private final ConcurrentHashMap<String, Object> attributes = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Instant createdAt = Instant.now();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private volatile HandshakeInbox handshake = new HandshakeInbox();
    private volatile Channel channel;
    private volatile String id;
    private volatile boolean customId;
    private volatile long lastActivityMillis = System.currentTimeMillis();
    /** See {@link #announce()}. */
    private volatile boolean announced;
    /** The peer sent {@link GoAway} on the current connection: no new calls go out on it. */
    private volatile boolean peerGoingAway;
    /** Why the peer refused this connection (its GoAway carried a status): what calls on it fail with. */
    private volatile @Nullable Status refusal;
    private volatile Duration sessionAge;
    private volatile @Nullable ScheduledFuture<?> ageTimer;

    DefaultSession(Engine engine, Channel channel, boolean dialed, @Nullable String dialAddress, Proto proto) {
        this.engine = engine;
        this.channel = channel;
        this.dialed = dialed;
        this.proto = proto;
        this.redialer = dialed && dialAddress != null ? new Redialer(this, engine, dialAddress) : null;
        this.id = channel.isActive() ? defaultId(channel) : "";
        this.sessionAge = engine.config.sessionAge();
        this.calls = new PendingCalls(() -> this.channel.eventLoop(), this::checkDrained);
        this.writer = new SessionWriter(engine.config.maxPendingWriteBytes(), this::closedError);
        this.drain = new Drain(() -> handlersInFlight.get() == 0 && calls.isEmpty());
        this.dispatcher = new InboundDispatcher(this);
        this.sender = new OutboundSender(this, engine, calls);
    }

    private String defaultId(Channel ch) {
        SocketAddress address = dialed ? ownAddress(ch) : peerAddress(ch);
        if (address instanceof java.net.InetSocketAddress) {
            return Addresses.format(address);
        }
        // a unix client socket has no name, so its address alone would not tell sessions apart
        return Addresses.format(address) + "#" + ch.id().asShortText();
    }

    // ---- identity and state -------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public void setId(String newId) {
        java.util.Objects.requireNonNull(newId, "id");
        if (!id.equals(newId)) {
            engine.hub.rename(this, newId);
        }
    }

    /** Called by the hub under its lock. */
    void applyId(String newId) {
        this.id = newId;
        this.customId = true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return peerAddress(channel);
    }

    @Override
    public SocketAddress localAddress() {
        return ownAddress(channel);
    }

    /** The channel's remote address, or the IP address its transport named when the channel has none (QUIC). */
    private static SocketAddress peerAddress(Channel ch) {
        SocketAddress named = ch.attr(io.dmicro.drpc.transport.SessionChannels.PEER_ADDRESS).get();
        return named != null ? named : ch.remoteAddress();
    }

    private static SocketAddress ownAddress(Channel ch) {
        SocketAddress named = ch.attr(io.dmicro.drpc.transport.SessionChannels.OWN_ADDRESS).get();
        return named != null ? named : ch.localAddress();
    }

    @Override
    public String protoName() {
        return proto.name();
    }

    @Override
    public boolean isDialed() {
        return dialed;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public SessionState state() {
        return state.get();
    }

    /** Open and taking calls, or a dialed session that will redial on next use; not once the peer said it is going away. */
    @Override
    public boolean isHealthy() {
        SessionState s = state.get();
        return (s == SessionState.OK && !peerGoingAway) || s == SessionState.REDIALING;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public Instant lastActivity() {
        return Instant.ofEpochMilli(lastActivityMillis);
    }

    @Override
    public int callsInFlight() {
        return calls.size();
    }

    @Override
    public int handlersInFlight() {
        return handlersInFlight.get();
    }

    @Override
    public long bytesReceived() {
        return bytesIn.sum();
    }

    @Override
    public long bytesSent() {
        return bytesOut.sum();
    }

    void countIn(int n) {
        bytesIn.add(n);
    }

    void countOut(long n) {
        bytesOut.add(n);
    }

    @Override
    public Duration sessionAge() {
        return sessionAge;
    }

    @Override
    public void setSessionAge(Duration age) {
        this.sessionAge = age.isNegative() ? Duration.ZERO : age;
        armAgeTimer();
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    public Channel channel() {
        return channel;
    }

    /** Takes the address-based id once the connection is up, unless a custom id was set. */
    void assignDefaultId() {
        if (!customId) {
            id = defaultId(channel);
        }
    }

    void touch() {
        lastActivityMillis = System.currentTimeMillis();
    }

    // ---- opening ------------------------------------------------------------------------

    /** Called once the handshake hooks passed: the session opens on the event loop, then {@code then} runs. */
    void open(Runnable then) {
        channel.eventLoop().execute(() -> {
            openNow();
            then.run();
        });
    }

    /** On the event loop: PREPARING to OK, into the hub, and what arrived meanwhile delivered. */
    private boolean openNow() {
        if (!state.compareAndSet(SessionState.PREPARING, SessionState.OK)) {
            return false;
        }
        HandshakeDeadline.markOpened(channel);
        engine.hub.add(this);
        armAgeTimer();
        handshake.drainTo(this::deliver);
        beforeReadHeader();
        return true;
    }

    /**
     * Opens the session on a redialed channel. False when the channel broke before it could open (a
     * failed attempt: the session goes back to REDIALING) or when the session was closed meanwhile.
     */
    boolean openAfterRedial(Channel fresh) {
        CompletableFuture<Boolean> opened = new CompletableFuture<>();
        fresh.eventLoop().execute(() -> {
            if (channel != fresh || !fresh.isActive()) {
                state.compareAndSet(SessionState.PREPARING, SessionState.REDIALING);
                opened.complete(false);
                return;
            }
            peerGoingAway = false;
            assignDefaultId();
            boolean ok = openNow();
            if (ok && redialer != null) {
                redialer.opened();
            }
            opened.complete(ok);
        });
        return opened.join();
    }

    private void armAgeTimer() {
        ScheduledFuture<?> old = ageTimer;
        if (old != null) {
            old.cancel(false);
        }
        Duration age = sessionAge;
        if (!age.isZero() && channel.isActive()) {
            ageTimer = channel.eventLoop().schedule(() -> {
                log.info("session {} reached its age of {}; closing", id, age);
                channel.close();
            }, age.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    // ---- inbound ------------------------------------------------------------------------

    void onMessage(Message m) {
        if (state.get() == SessionState.PREPARING) {
            handshake.offer(m);
            return;
        }
        deliver(m);
        beforeReadHeader();
    }

    void onBadFrame(ProtoException e) {
        if (state.get() == SessionState.PREPARING) {
            handshake.offer(e);
            return;
        }
        deliver(e);
    }

    private void deliver(Object inbound) {
        if (inbound instanceof ProtoException e) {
            dispatcher.onBadFrame(e);
            return;
        }
        Message m = (Message) inbound;
        switch (m.type()) {
            case REPLY -> dispatcher.onReply(m, calls.take(m.seq()));
            case CALL -> {
                if (state.get() == SessionState.ACTIVE_CLOSING) {
                    dispatcher.refuse(m, Status.withCause(Status.SERVICE_UNAVAILABLE, "session " + id + " is closing; the call was not run"));
                } else {
                    dispatcher.onCall(m);
                }
            }
            case PUSH -> {
                if (GoAway.is(m)) {
                    onGoAway(m.status());
                } else if (state.get() == SessionState.ACTIVE_CLOSING) {
                    log.debug("session {} is closing; push {} dropped", id, m.serviceMethod());
                } else {
                    dispatcher.onPush(m);
                }
            }
            default -> {
                log.warn("session {}: message type {} is not allowed here; closing", id, m.type().text());
                Message reply = new Message(m.seq(), MessageType.REPLY, "")
                        .status(Status.withCause(Status.MTYPE_NOT_ALLOWED, "message type " + m.type().text() + " is not allowed"));
                channel.writeAndFlush(reply).addListener(f -> channel.close());
            }
        }
    }

    /**
     * The peer is closing gracefully: no new calls go out on this connection (they fail at once with
     * 503, not executed), those in flight get their replies, and the peer closes the connection once
     * its own work is done (this session then ends PASSIVE_CLOSED, or redials if it may).
     */
    private void onGoAway(Status why) {
        if (!why.isOk()) {
            refusal = why;
            peerGoingAway = true;
            log.info("session {}: the peer refused the connection: {}", id, why);
            return; // the peer closes the connection next
        }
        if (peerGoingAway) {
            return;
        }
        peerGoingAway = true;
        log.debug("session {}: the peer is going away", id);
    }

    private void beforeReadHeader() {
        if (engine.plugins.hooks(BeforeReadHeader.class).isEmpty()) {
            return;
        }
        Status s = Hooks.check(engine.plugins, BeforeReadHeader.class, h -> h.beforeReadHeader(this));
        if (!s.isOk()) {
            log.info("session {}: BeforeReadHeader returned {}; closing", id, s);
            channel.close();
        }
    }

    void handlerStarted() {
        handlersInFlight.incrementAndGet();
    }

    /** A reply settled one of our calls: a drain in progress may now be complete. */
    void handlerFinishedReply() {
        checkDrained();
    }

    void handlerFinished() {
        handlersInFlight.decrementAndGet();
        checkDrained();
    }

    // ---- outbound -----------------------------------------------------------------------

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> CompletableFuture<Reply<T>> callForReply(String route, @Nullable Object arg, Type replyType, CallOptions options) {
        return (CompletableFuture) sender.startCall(route, arg, replyType, options, true);
    }

    /** Like the interface's default, without a Reply and a second future per call. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options) {
        return (CompletableFuture) sender.startCall(route, arg, replyType, options, false);
    }

    @Override
    public CompletableFuture<Void> push(String route, @Nullable Object arg, CallOptions options) {
        return sender.push(route, arg, options);
    }

    /** Writes a message if the session's state allows it (see {@link SessionWriter}). */
    ChannelFuture write(Message m) {
        return writer.write(channel, state.get(), m);
    }

    /** A send refused because the session cannot take it: never written, so not executed. */
    DrpcException closedError() {
        Status refused = refusal;
        if (refused != null) {
            return DrpcException.notSent(refused);
        }
        if (peerGoingAway && state.get() == SessionState.OK) {
            return DrpcException.notSent(Status.withCause(Status.SERVICE_UNAVAILABLE, "session " + id + ": the peer is going away"));
        }
        if (state.get() == SessionState.ACTIVE_CLOSING) {
            return DrpcException.notSent(Status.withCause(Status.SERVICE_UNAVAILABLE, "session " + id + " is closing"));
        }
        return DrpcException.notSent(Status.withCause(Status.CONN_CLOSED, "session " + id + " is " + state.get()));
    }

    // ---- early phase (handshakes) -------------------------------------------------------

    /** Completes when the peer's first handshake message is here, the connection closed, or after {@code wait}. */
    CompletableFuture<Void> peerMessageArrival(Duration wait) {
        return handshake.arrival(wait, channel.eventLoop());
    }

    /**
     * The AfterAccept hooks refused the connection: tells the peer why (a {@link GoAway} carrying the
     * status, which a Java peer reports as its dial's or its calls' failure and an older peer drops),
     * then closes.
     */
    void refuse(Status why) {
        Channel ch = channel;
        ch.writeAndFlush(GoAway.message(calls.nextSeq()).status(why)).addListener(f -> ch.close());
    }

    /** Why the peer refused this connection, if it did. */
    @Nullable Status refusal() {
        return refusal;
    }

    @Override
    public Status earlySend(MessageType type, String serviceMethod, @Nullable Object body, Status status) {
        if (pastHandshake()) {
            return Status.withCause(Status.INVALID_OP, "Cannot be called during the Non-AfterDial and Non-AfterAccept phase");
        }
        if (state.get() != SessionState.PREPARING) {
            return Status.withCause(Status.CONN_CLOSED, "connection closed during the handshake");
        }
        Message m = new Message(calls.nextSeq(), type, serviceMethod).status(status).bodyCodec(engine.defaultCodecId);
        try {
            m.body(engine.codecs.encodeBody(body, engine.defaultCodecId));
        } catch (CodecException e) {
            return Status.withCause(Status.BAD_MESSAGE, e.getMessage());
        }
        ChannelFuture f = channel.writeAndFlush(m).awaitUninterruptibly();
        return f.isSuccess() ? Status.OK : SessionWriter.writeError(f.cause()).status();
    }

    @Override
    public Message earlyReceive(Duration timeout) {
        checkHandshakePhase();
        return handshake.receiveBlocking(timeout, channel.eventLoop());
    }

    @Override
    public CompletableFuture<Message> earlyReceiveAsync(Duration timeout) {
        try {
            checkHandshakePhase();
        } catch (DrpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return handshake.receive(timeout, channel.eventLoop());
    }

    private void checkHandshakePhase() {
        // a peer that answered and hung up closes the session under the handshake: what it sent is
        // still in the inbox, and after that the answer is 102, not "wrong phase"
        if (pastHandshake()) {
            throw Status.withCause(Status.INVALID_OP, "Cannot be called during the Non-AfterDial and Non-AfterAccept phase").toException();
        }
    }

    /** The session was opened (or closed by this side) after its handshake: early messages no longer apply. */
    private boolean pastHandshake() {
        SessionState s = state.get();
        return s == SessionState.OK || s == SessionState.ACTIVE_CLOSING || s == SessionState.ACTIVE_CLOSED;
    }

    @Override
    public <T> @Nullable T decodeBody(Message message, Class<T> type) {
        byte codec = message.bodyCodec() != 0 ? message.bodyCodec() : engine.defaultCodecId;
        return type.cast(engine.codecs.decodeBody(message.body(), codec, type));
    }

    // ---- closing ------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> close() {
        return close(engine.config.closeDrainTimeout());
    }

    /**
     * Closes gracefully: tells the peer it is going away, refuses new calls from either side with
     * 503 (not executed), and closes the connection as soon as the handlers and calls in flight are
     * done, or at {@code drainTimeout}.
     */
    @Override
    public CompletableFuture<Void> close(Duration drainTimeout) {
        SessionState s;
        do {
            s = state.get();
            if (s != SessionState.OK && s != SessionState.PREPARING && s != SessionState.REDIALING) {
                return closeFuture;
            }
        } while (!state.compareAndSet(s, SessionState.ACTIVE_CLOSING));
        engine.hub.remove(this);
        calls.failQueued(this::closedError);
        Channel ch = channel;
        boolean told = s == SessionState.OK && ch.isActive() && !peerGoingAway;
        if (told) {
            write(GoAway.message(calls.nextSeq()));
        }
        drain.start(drainTimeout, ch.eventLoop()).whenComplete((finished, e) -> {
            if (!Boolean.TRUE.equals(finished)) {
                log.info("session {}: {} handlers and {} calls still in flight after {}; closing anyway",
                        id, handlersInFlight.get(), calls.size(), drainTimeout);
            }
            AtomicBoolean closing = new AtomicBoolean();
            Runnable closeNow = () -> {
                if (!closing.compareAndSet(false, true)) {
                    return;
                }
                state.set(SessionState.ACTIVE_CLOSED);
                handshake.close();
                channel.close().addListener(f -> {
                    calls.failWritten(Status.withCause(Status.CONN_CLOSED, "session closed"));
                    finishClose();
                });
            };
            if (Boolean.TRUE.equals(finished) && told && ch.isActive() && !drainTimeout.isZero()) {
                // Calls the peer sent before it read the notice may still be on the way: closing now would
                // cut them off unanswered (102, maybe executed). Keep reading for a short grace, answering
                // them with 503 (not executed, so retried elsewhere), unless the peer leaves first.
                long graceNanos = Math.min(PEER_CLOSE_GRACE.toNanos(), drainTimeout.toNanos());
                ScheduledFuture<?> grace = ch.eventLoop().schedule(closeNow, graceNanos, TimeUnit.NANOSECONDS);
                ch.closeFuture().addListener(f -> {
                    grace.cancel(false);
                    closeNow.run();
                });
            } else {
                closeNow.run();
            }
        });
        return closeFuture;
    }

    void checkDrained() {
        SessionState s = state.get();
        if (s == SessionState.ACTIVE_CLOSING) {
            drain.check();
        }
    }

    void onChannelInactive(Channel ch) {
        if (ch != channel) {
            return;
        }
        handshake.close();
        if (refusal == null && state.get() == SessionState.PREPARING) {
            refusal = handshake.refusal(); // the peer refused, then closed, before this session opened
        }
        if (redialing()) {
            return; // a redial attempt's connection: the attempt sees it broke
        }
        SessionState s = state.get();
        if (s == SessionState.ACTIVE_CLOSING) {
            // the peer went away while we drained: nothing more can arrive
            calls.failWritten(broken("connection closed by peer during close"));
            drain.end();
            return;
        }
        if (s != SessionState.OK && s != SessionState.PREPARING) {
            return;
        }
        if (!state.compareAndSet(s, SessionState.PASSIVE_CLOSING)) {
            onChannelInactive(ch);
            return;
        }
        engine.hub.remove(this);
        calls.failWritten(broken("connection closed"));
        if (s == SessionState.OK && canRedial()) {
            state.set(SessionState.REDIALING);
            redialer.start();
            return;
        }
        state.set(SessionState.PASSIVE_CLOSED);
        calls.failQueued(this::closedError);
        finishClose();
    }

    /**
     * What a written call fails with when its connection breaks: 102 (it may have run), or the
     * peer's refusal when it refused the connection (its messages were never dispatched).
     */
    Status broken(String why) {
        Status refused = refusal;
        return refused != null ? refused : Status.withCause(Status.CONN_CLOSED, why);
    }

    private void finishClose() {
        ScheduledFuture<?> t = ageTimer;
        if (t != null) {
            t.cancel(false);
        }
        if (finished.compareAndSet(false, true)) {
            // the hooks first: whoever waits on closeFuture (an endpoint closing, say) runs when it
            // completes, and must find this session's AfterDisconnect already done
            if (announced) {
                Hooks.notice(engine.plugins, AfterDisconnect.class, h -> h.afterDisconnect(this));
            }
            closeFuture.complete(null);
        }
    }

    /**
     * Marks the session as shown to plugins: its AfterDial or AfterAccept hooks are about to run.
     * Only such a session gets AfterDisconnect, whether or not those hooks let it open (one of them
     * may have taken a connection slot); a connection that failed before (a TLS handshake, say)
     * was never a session to plugins.
     */
    void announce() {
        announced = true;
    }

    // ---- redial (the client-side part is the Redialer) --------------------------------------

    @Nullable Redialer redialer() {
        return redialer;
    }

    /** Whether the peer said it is going away on the current connection. */
    boolean peerGoingAway() {
        return peerGoingAway;
    }

    boolean canRedial() {
        return redialer != null && redialer.enabled();
    }

    boolean redialing() {
        return redialer != null && redialer.redialing();
    }

    /** The redial loop ended without a connection: REDIAL_FAILED, unless the session was closed meanwhile. */
    void redialEnded() {
        if (state.compareAndSet(SessionState.REDIALING, SessionState.REDIAL_FAILED)
                || state.compareAndSet(SessionState.PREPARING, SessionState.REDIAL_FAILED)) {
            calls.failQueued(this::closedError);
            finishClose();
        }
    }

    /** Moves this session onto a fresh channel for a redial attempt; the handshake hooks run next. */
    boolean prepareChannel(Channel fresh) {
        if (state.get() != SessionState.REDIALING) {
            return false; // closed while the connection was being made
        }
        this.handshake = new HandshakeInbox();
        this.refusal = null; // a refusal or going-away notice concerned the connection that broke
        this.peerGoingAway = false;
        this.channel = fresh;
        return state.compareAndSet(SessionState.REDIALING, SessionState.PREPARING);
    }

    /** A redial attempt's handshake failed: back to waiting for the next attempt, unless closed meanwhile. */
    void redialAttemptFailed() {
        state.compareAndSet(SessionState.PREPARING, SessionState.REDIALING);
    }

    /** Whether redial attempts should go on: the session was not closed meanwhile. */
    boolean keepsRedialing() {
        SessionState s = state.get();
        return s == SessionState.REDIALING || s == SessionState.PREPARING;
    }

    /** Waits out the pause before a redial attempt; returns early, false, when the session is closed meanwhile. */
    boolean pauseBeforeRedial(Duration pause) {
        try {
            closeFuture.get(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return keepsRedialing();
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return false;
    }

    @Override
    public String toString() {
        return "Session{id=" + id + ", state=" + state.get() + ", remote=" + Addresses.format(remoteAddress()) + '}';
    }
}
