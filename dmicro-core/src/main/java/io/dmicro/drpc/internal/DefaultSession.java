package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.proto.Proto;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link Session}: a connection's identity, counters and state machine.
 * Its other jobs are parts of their own: sending calls and pushes ({@link OutboundSender}), calls
 * in flight and their deadlines ({@link PendingCalls}), the handshake ({@link HandshakePhase}),
 * writing with back-pressure ({@link SessionWriter}), what the peer said about the connection
 * ({@link PeerVerdict}), the graceful close ({@link GracefulClose}, {@link Drain}), the age limit
 * ({@link SessionAgeTimer}), the end ({@link SessionEnd}), redialing a dialed session
 * ({@link Redialer}) and inbound dispatch ({@link InboundDispatcher}). I/O happens on the
 * channel's event loop; public methods are safe from any thread.
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
    private final Drain drain;
    private final InboundDispatcher dispatcher;
    private final OutboundSender sender;
    private final AtomicInteger handlersInFlight = new AtomicInteger();
    private final ConcurrentHashMap<String, Object> attributes = new ConcurrentHashMap<>();
    private final SessionEnd end = new SessionEnd();
    private final Instant createdAt = Instant.now();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final HandshakePhase early = new HandshakePhase(this);
    private final PeerVerdict verdict = new PeerVerdict();
    private final SessionAgeTimer age;
    private volatile Channel channel;
    private volatile String id;
    private volatile boolean customId;
    private volatile long lastActivityMillis = System.currentTimeMillis();

    DefaultSession(Engine engine, Channel channel, boolean dialed, @Nullable String dialAddress, Proto proto) {
        this.engine = engine;
        this.channel = channel;
        this.dialed = dialed;
        this.proto = proto;
        this.redialer = dialed && dialAddress != null ? new Redialer(this, engine, dialAddress) : null;
        this.id = channel.isActive() ? Addresses.sessionId(channel, dialed) : "";
        this.age = new SessionAgeTimer(engine.config.sessionAge());
        this.calls = new PendingCalls(() -> this.channel.eventLoop(), this::checkDrained);
        this.writer = new SessionWriter(engine.config.maxPendingWriteBytes(), this::closedError);
        this.drain = new Drain(() -> handlersInFlight.get() == 0 && calls.isEmpty());
        this.dispatcher = new InboundDispatcher(this);
        this.sender = new OutboundSender(this, engine, calls);
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
        return Addresses.peer(channel);
    }

    @Override
    public SocketAddress localAddress() {
        return Addresses.own(channel);
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
        return (s == SessionState.OK && !verdict.goingAway()) || s == SessionState.REDIALING;
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
        return age.age();
    }

    @Override
    public void setSessionAge(Duration newAge) {
        age.set(newAge, channel, this::id);
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return end.future();
    }

    public Channel channel() {
        return channel;
    }

    /** Takes the address-based id once the connection is up, unless a custom id was set. */
    void assignDefaultId() {
        if (!customId) {
            id = Addresses.sessionId(channel, dialed);
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
    boolean openNow() {
        if (!state.compareAndSet(SessionState.PREPARING, SessionState.OK)) {
            return false;
        }
        HandshakeDeadline.markOpened(channel);
        engine.hub.add(this);
        age.arm(channel, this::id);
        early.inbox().drainTo(dispatcher::deliver);
        dispatcher.beforeReadHeader();
        return true;
    }

    // ---- inbound ------------------------------------------------------------------------

    /** A message or skipped bad frame: kept for the handshake before the session opens, dispatched after. */
    void onInbound(Object inbound) {
        if (state.get() == SessionState.PREPARING) {
            early.inbox().offer(inbound);
            return;
        }
        dispatcher.deliver(inbound);
        if (inbound instanceof Message) {
            dispatcher.beforeReadHeader();
        }
    }

    /** The call a reply settles, no longer pending; null when it timed out or was never made. */
    @Nullable PendingCall takeCall(int seq) {
        return calls.take(seq);
    }

    PeerVerdict verdict() {
        return verdict;
    }

    HandshakePhase early() {
        return early;
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
        return verdict.closedError(id, state.get());
    }

    int nextSeq() {
        return calls.nextSeq();
    }

    // ---- early phase (handshakes) -------------------------------------------------------

    @Override
    public Status earlySend(MessageType type, String serviceMethod, @Nullable Object body, Status status) {
        return early.send(type, serviceMethod, body, status);
    }

    @Override
    public Message earlyReceive(Duration timeout) {
        return early.receive(timeout);
    }

    @Override
    public CompletableFuture<Message> earlyReceiveAsync(Duration timeout) {
        return early.receiveAsync(timeout);
    }

    @Override
    public <T> @Nullable T decodeBody(Message message, Class<T> type) {
        return early.decodeBody(message, type);
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
                return end.future();
            }
        } while (!state.compareAndSet(s, SessionState.ACTIVE_CLOSING));
        engine.hub.remove(this);
        calls.failQueued(this::closedError);
        Channel ch = channel;
        boolean told = s == SessionState.OK && ch.isActive() && !verdict.goingAway();
        new GracefulClose(ch, drainTimeout, this::closeNow).run(drain, told ? () -> write(GoAway.message(calls.nextSeq())) : null,
                () -> log.info("session {}: {} handlers and {} calls still in flight after {}; closing anyway",
                        id, handlersInFlight.get(), calls.size(), drainTimeout));
        return end.future();
    }

    /** The end of a graceful close: the connection closes, and the calls still waiting fail with 102. */
    private void closeNow() {
        state.set(SessionState.ACTIVE_CLOSED);
        early.inbox().close();
        channel.close().addListener(f -> {
            calls.failWritten(Status.withCause(Status.CONN_CLOSED, "session closed"));
            finishClose();
        });
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
        early.inbox().close();
        if (state.get() == SessionState.PREPARING) {
            verdict.refusedBeforeOpening(early.inbox().refusal()); // the peer refused, then closed, before this session opened
        }
        if (redialing()) {
            return; // a redial attempt's connection: the attempt sees it broke
        }
        SessionState s = state.get();
        if (s == SessionState.ACTIVE_CLOSING) {
            // the peer went away while we drained: nothing more can arrive
            calls.failWritten(verdict.broken("connection closed by peer during close"));
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
        calls.failWritten(verdict.broken("connection closed"));
        if (s == SessionState.OK && canRedial()) {
            state.set(SessionState.REDIALING);
            redialer.start();
            return;
        }
        state.set(SessionState.PASSIVE_CLOSED);
        calls.failQueued(this::closedError);
        finishClose();
    }

    private void finishClose() {
        age.cancel();
        end.finish(engine.plugins, this);
    }

    /** See {@link SessionEnd#announce}. */
    void announce() {
        end.announce();
    }

    // ---- redial (the client-side part is the Redialer) --------------------------------------

    @Nullable Redialer redialer() {
        return redialer;
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

    /** Moves this session onto a fresh connection for a redial attempt: nothing of the broken one's handshake or notices carries over. */
    void moveTo(Channel fresh) {
        early.renew();
        verdict.reset();
        this.channel = fresh;
    }

    /** Changes the state if it is {@code expected}; for the redial, which moves it between REDIALING and PREPARING. */
    boolean transition(SessionState expected, SessionState next) {
        return state.compareAndSet(expected, next);
    }

    @Override
    public String toString() {
        return "Session{id=" + id + ", state=" + state.get() + ", remote=" + Addresses.format(remoteAddress()) + '}';
    }
}
