package io.dmicro.drpc.internal;

import io.dmicro.drpc.internal.transport.LingeringClose;
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
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseNotifier;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.UnaryOperator;
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
    /* Field updaters, not atomic objects: each object would cost every session held its bytes. */
    private static final AtomicReferenceFieldUpdater<DefaultSession, SessionState> STATE =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, SessionState.class, "state");
    private static final AtomicIntegerFieldUpdater<DefaultSession> HANDLERS_IN_FLIGHT =
            AtomicIntegerFieldUpdater.newUpdater(DefaultSession.class, "handlersInFlight");
    private static final AtomicLongFieldUpdater<DefaultSession> BYTES_IN = AtomicLongFieldUpdater.newUpdater(DefaultSession.class, "bytesIn");
    private static final AtomicLongFieldUpdater<DefaultSession> BYTES_OUT = AtomicLongFieldUpdater.newUpdater(DefaultSession.class, "bytesOut");
    private static final AtomicReferenceFieldUpdater<DefaultSession, Channel> FRAMED =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, Channel.class, "framed");
    private static final AtomicReferenceFieldUpdater<DefaultSession, OffLoopWrites> OFF_LOOP =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, OffLoopWrites.class, "offLoop");
    private static final AtomicReferenceFieldUpdater<DefaultSession, PeerVerdict> VERDICT =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, PeerVerdict.class, "verdict");
    private static final AtomicReferenceFieldUpdater<DefaultSession, PendingCalls> CALLS =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, PendingCalls.class, "calls");
    private static final AtomicReferenceFieldUpdater<DefaultSession, Redialer> REDIALER =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, Redialer.class, "redialer");
    private static final AtomicReferenceFieldUpdater<DefaultSession, HandshakePhase> EARLY =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, HandshakePhase.class, "early");
    private static final AtomicReferenceFieldUpdater<DefaultSession, Drain> DRAIN =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, Drain.class, "drain");
    private static final AtomicReferenceFieldUpdater<DefaultSession, SessionAgeTimer> AGE =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, SessionAgeTimer.class, "age");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<DefaultSession, ConcurrentHashMap> ATTRIBUTES =
            AtomicReferenceFieldUpdater.newUpdater(DefaultSession.class, ConcurrentHashMap.class, "attributes");

    final Engine engine;
    final Proto proto;
    private final boolean dialed;
    /** Null on an accepted session, and on a dialed one that must not redial. */
    /** The address a dialed session redials; null for an accepted one. */
    private final @Nullable String dialAddress;
    /** Made when first needed (most sessions never redial): see {@link #redialer()}. */
    private volatile @Nullable Redialer redialer;
    private volatile SessionState state = SessionState.PREPARING;
    /** Made for the first call, push or sequence number (see {@link #calls()}). */
    private volatile @Nullable PendingCalls calls;
    /*
     * Parts made on first use: an idle session needs none of them. The dispatcher and the sender
     * hold only final fields, so a racing thread may make a second one and use it safely.
     */
    private volatile @Nullable Drain drain;
    private @Nullable InboundDispatcher dispatcher;
    private @Nullable OutboundSender sender;
    private volatile int handlersInFlight;
    /** Made on first use: most sessions never have an attribute (see {@link #attributes()}). */
    private volatile @Nullable ConcurrentHashMap<String, Object> attributes;
    private final SessionEnd end = new SessionEnd();
    /** {@link #createdAt} in two fields, not an Instant: a few bytes less for every session held. */
    private final long createdAtSecond;
    private final int createdAtNano;
    /** Added to on the connection's event loop, read from anywhere; atomic adds, as a redial moves the session to another loop. */
    private volatile long bytesIn;
    private volatile long bytesOut;
    /** Made when the handshake needs it (hooks, or a message before the session opened): see {@link #early()}. */
    private volatile @Nullable HandshakePhase early;
    /** What the peer said about the current connection: immutable, swapped as the peer speaks ({@link #changeVerdict}). */
    private volatile PeerVerdict verdict = PeerVerdict.NONE;
    /** Made when the session has an age limit (from the endpoint's config or {@link #setSessionAge}). */
    private volatile @Nullable SessionAgeTimer age;
    private volatile Channel channel;
    /** Writes from other threads to the current connection, batched; see {@link #offLoopWrites}. */
    private volatile @Nullable OffLoopWrites offLoop;
    /** The connection whose frame encoder is in its pipeline ({@link #framedBy}); a redial's may be on another loop. */
    private volatile @Nullable Channel framed;
    private volatile String id;
    private volatile boolean customId;
    private volatile long lastActivityMillis = System.currentTimeMillis();

    DefaultSession(Engine engine, Channel channel, boolean dialed, @Nullable String dialAddress, Proto proto) {
        Instant now = Instant.now();
        this.createdAtSecond = now.getEpochSecond();
        this.createdAtNano = now.getNano();
        this.engine = engine;
        this.channel = channel;
        this.dialed = dialed;
        this.proto = proto;
        this.dialAddress = dialed ? dialAddress : null;
        this.id = channel.isActive() ? Addresses.sessionId(channel, dialed) : "";
        this.age = engine.config.sessionAge().isZero() ? null : new SessionAgeTimer(engine.config.sessionAge());
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
    @SuppressWarnings("unchecked")
    public Map<String, Object> attributes() {
        return LazyFields.get(ATTRIBUTES, this, s -> new ConcurrentHashMap<String, Object>());
    }

    @Override
    public SessionState state() {
        return state;
    }

    /** Open and taking calls, or a dialed session that will redial on next use; not once the peer said it is going away. */
    @Override
    public boolean isHealthy() {
        SessionState s = state;
        return (s == SessionState.OK && !verdict.goingAway()) || s == SessionState.REDIALING;
    }

    @Override
    public Instant createdAt() {
        return Instant.ofEpochSecond(createdAtSecond, createdAtNano);
    }

    @Override
    public Instant lastActivity() {
        return Instant.ofEpochMilli(lastActivityMillis);
    }

    @Override
    public int callsInFlight() {
        PendingCalls c = calls;
        return c == null ? 0 : c.size(); // asking makes none
    }

    @Override
    public int handlersInFlight() {
        return handlersInFlight;
    }

    @Override
    public long bytesReceived() {
        return bytesIn;
    }

    @Override
    public long bytesSent() {
        return bytesOut;
    }

    /**
     * Proto bytes read from the connection: counted for the session and its endpoint, and the
     * session's last activity stamped. Called once per socket read, on the event loop.
     */
    void received(int n) {
        BYTES_IN.getAndAdd(this, n);
        engine.bytesIn.add(n);
        touch();
    }

    /** Proto bytes written to the connection, as {@link #received}: once per flush. */
    void sent(long n) {
        BYTES_OUT.getAndAdd(this, n);
        engine.bytesOut.add(n);
        touch();
    }

    @Override
    public Duration sessionAge() {
        SessionAgeTimer a = age;
        return a != null ? a.age() : Duration.ZERO;
    }

    @Override
    public void setSessionAge(Duration newAge) {
        LazyFields.get(AGE, this, s -> new SessionAgeTimer(Duration.ZERO)).set(newAge, channel, this::id);
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
        if (!STATE.compareAndSet(this, SessionState.PREPARING, SessionState.OK)) {
            return false;
        }
        HandshakeDeadline.markOpened(channel);
        engine.hub.add(this);
        SessionAgeTimer a = age;
        if (a != null) {
            a.arm(channel, this::id);
        }
        HandshakePhase e = early;
        if (e != null) {
            e.inbox().drainTo(inbound -> dispatcher().deliver(inbound));
        }
        beforeReadHeader();
        return true;
    }

    // ---- inbound ------------------------------------------------------------------------

    /** A message or skipped bad frame: kept for the handshake before the session opens, dispatched after. */
    void onInbound(Object inbound) {
        if (state == SessionState.PREPARING) {
            early().inbox().offer(inbound);
            return;
        }
        dispatcher().deliver(inbound);
        if (inbound instanceof Message) {
            beforeReadHeader();
        }
    }

    /** See {@link InboundDispatcher#beforeReadHeader}; without the hook, as usual, an open session that reads nothing needs no dispatcher. */
    private void beforeReadHeader() {
        if (!engine.plugins.hooks(io.dmicro.drpc.plugin.BeforeReadHeader.class).isEmpty()) {
            dispatcher().beforeReadHeader();
        }
    }

    /** The call a reply settles, no longer pending; null when it timed out or was never made. */
    @Nullable PendingCall takeCall(int seq) {
        return calls().take(seq);
    }

    PeerVerdict verdict() {
        return verdict;
    }

    /** Changes what the peer said, atomically (the event loop and a redial may both change it); returns what it was. */
    PeerVerdict changeVerdict(UnaryOperator<PeerVerdict> change) {
        return VERDICT.getAndUpdate(this, change);
    }

    HandshakePhase early() {
        return LazyFields.get(EARLY, this, HandshakePhase::new);
    }

    /** Ends the handshake's inbox, if there is one: a receive still waiting fails with 102. */
    private void closeEarlyInbox() {
        HandshakePhase e = early;
        if (e != null) {
            e.inbox().close();
        }
    }

    void handlerStarted() {
        HANDLERS_IN_FLIGHT.incrementAndGet(this);
    }

    /** A reply settled one of our calls: a drain in progress may now be complete. */
    void handlerFinishedReply() {
        checkDrained();
    }

    void handlerFinished() {
        HANDLERS_IN_FLIGHT.decrementAndGet(this);
        checkDrained();
    }

    // ---- outbound -----------------------------------------------------------------------

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> CompletableFuture<Reply<T>> callForReply(String route, @Nullable Object arg, Type replyType, CallOptions options) {
        return (CompletableFuture) sender().startCall(route, arg, replyType, options, true);
    }

    /** Like the interface's default, without a Reply and a second future per call. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options) {
        return (CompletableFuture) sender().startCall(route, arg, replyType, options, false);
    }

    @Override
    public CompletableFuture<Void> push(String route, @Nullable Object arg, CallOptions options) {
        return sender().push(route, arg, options);
    }

    /** Writes a message if the session's state allows it (see {@link SessionWriter}). */
    ChannelFuture write(Message m) {
        return write(channel, m);
    }

    /** {@link #write(Message)}, telling {@code outcome} (on the event loop) instead of completing a future. */
    void write(Message m, ListenedWrite.Outcome outcome) {
        write(channel, m, outcome);
    }

    /** {@link #write(Channel, Message)}, telling {@code outcome} (on the event loop) instead of completing a future. */
    void write(Channel on, Message m, ListenedWrite.Outcome outcome) {
        engine.writer.write(this, on, m, outcome);
    }

    /**
     * Writes a message on connection {@code on}, the one a send was judged and hooked on: should a
     * redial have moved the session to another connection meanwhile, the write fails as unsent on
     * the old one instead of reaching a peer the send never saw (a resend may follow).
     */
    ChannelFuture write(Channel on, Message m) {
        return engine.writer.write(this, on, m);
    }

    /** From {@code ch}'s frame encoder as it joins ({@code true}) and leaves its pipeline. */
    void framedBy(Channel ch, boolean inPipeline) {
        if (inPipeline) {
            framed = ch;
        } else {
            FRAMED.compareAndSet(this, ch, null);
        }
    }

    /**
     * Whether {@code ch}'s pipeline has its frame encoder, which takes {@link ListenedWrite}s; asked
     * on {@code ch}'s event loop, where the encoder joins and leaves, so the answer holds for a write made there.
     */
    boolean framedBy(Channel ch) {
        return framed == ch;
    }

    /** Connection {@code ch}'s batch of writes from other threads; one per connection, made on its first such write. */
    OffLoopWrites offLoopWrites(Channel ch) {
        while (true) {
            OffLoopWrites w = offLoop;
            if (w != null && w.channel() == ch) {
                return w;
            }
            // one instance per connection, or two threads' writes could pass each other in two queues
            OFF_LOOP.compareAndSet(this, w, new OffLoopWrites(ch, this));
        }
    }

    /** A send refused because the session cannot take it: never written, so not executed. */
    DrpcException closedError() {
        return verdict.closedError(id, state);
    }

    int nextSeq() {
        return calls().nextSeq();
    }

    // ---- early phase (handshakes) -------------------------------------------------------

    @Override
    public Status earlySend(MessageType type, String serviceMethod, @Nullable Object body, Status status) {
        return early().send(type, serviceMethod, body, status);
    }

    @Override
    public Message earlyReceive(Duration timeout) {
        return early().receive(timeout);
    }

    @Override
    public CompletableFuture<Message> earlyReceiveAsync(Duration timeout) {
        return early().receiveAsync(timeout);
    }

    @Override
    public <T> @Nullable T decodeBody(Message message, Class<T> type) {
        return early().decodeBody(message, type);
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
            s = state;
            if (s != SessionState.OK && s != SessionState.PREPARING && s != SessionState.REDIALING) {
                return end.future();
            }
        } while (!STATE.compareAndSet(this, s, SessionState.ACTIVE_CLOSING));
        engine.hub.remove(this);
        calls().failQueued(this::closedError);
        Channel ch = channel;
        boolean told = s == SessionState.OK && ch.isActive() && !verdict.goingAway();
        ChannelPromise noticeSent = told ? ch.newPromise() : null;
        new GracefulClose(ch, drainTimeout, () -> closeNow(noticeSent)).run(drain(), noticeSent != null ? () -> tellPeerLeaving(ch, noticeSent) : null,
                () -> log.info("session {}: {} handlers and {} calls still in flight after {}; closing anyway",
                        id, handlersInFlight, callsInFlight(), drainTimeout));
        return end.future();
    }

    /**
     * Sends the {@link GoAway} of a graceful close. It is made on the I/O thread, after the state
     * changed: every call read from here on is refused, so the last call it says was read is the
     * last that may run.
     */
    private void tellPeerLeaving(Channel ch, ChannelPromise sent) {
        if (ch.eventLoop().inEventLoop()) {
            write(ch, dispatcher().goAway(calls().nextSeq())).addListener(new PromiseNotifier<>(sent));
            return;
        }
        try {
            ch.eventLoop().execute(() -> tellPeerLeaving(ch, sent));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            sent.tryFailure(e); // the loop is shutting down, and the connection with it
        }
    }

    /**
     * The end of a graceful close: the connection closes, and the calls still waiting fail (102, or
     * 503 where the peer's own notice said it never read them). A told peer gets its notice before
     * the connection goes: the close waits for the notice's write, then the session ends and its
     * connection lingers ({@link LingeringClose}).
     */
    private void closeNow(@Nullable ChannelFuture noticeSent) {
        Channel ch = channel;
        ch.closeFuture().addListener(f -> {
            state = SessionState.ACTIVE_CLOSED; // also when the connection closed before the notice was written
            calls().failWritten(verdict, "session closed");
            finishClose();
        });
        if (noticeSent == null || ch.eventLoop().isShuttingDown()) {
            state = SessionState.ACTIVE_CLOSED;
            closeEarlyInbox();
            ch.close();
            return;
        }
        noticeSent.addListener(f -> { // on the event loop
            state = SessionState.ACTIVE_CLOSED;
            closeEarlyInbox();
            if (f.isSuccess()) {
                // the session ends here: nothing is read from now on, and a peer that never closes
                // (a silent one) must not hold up its end; only the connection lingers
                LingeringClose.close(ch);
                calls().failWritten(verdict, "session closed");
                finishClose();
            } else {
                ch.close();
            }
        });
    }

    void checkDrained() {
        SessionState s = state;
        if (s == SessionState.ACTIVE_CLOSING) {
            Drain d = drain;
            if (d != null) {
                d.check(); // none yet: the close has not started draining, and its start checks
            }
        }
    }

    void onChannelInactive(Channel ch) {
        if (ch != channel) {
            return;
        }
        if (state == SessionState.PREPARING) {
            HandshakeInbox inbox = early().inbox();
            inbox.close();
            Status refusal = inbox.refusal(); // the peer refused, then closed, before this session opened
            changeVerdict(v -> v.refusedBeforeOpening(refusal));
        } else {
            closeEarlyInbox();
        }
        if (redialing()) {
            return; // a redial attempt's connection: the attempt sees it broke
        }
        SessionState s = state;
        if (s == SessionState.ACTIVE_CLOSING) {
            // the peer went away while we drained: nothing more can arrive
            calls().failWritten(verdict, "connection closed by peer during close");
            Drain d = drain;
            if (d != null) {
                d.end();
            }
            return;
        }
        if (s != SessionState.OK && s != SessionState.PREPARING) {
            return;
        }
        if (!STATE.compareAndSet(this, s, SessionState.PASSIVE_CLOSING)) {
            onChannelInactive(ch);
            return;
        }
        engine.hub.remove(this);
        calls().failWritten(verdict, "connection closed");
        if (s == SessionState.OK && canRedial()) {
            state = SessionState.REDIALING;
            redialer().start();
            return;
        }
        state = SessionState.PASSIVE_CLOSED;
        calls().failQueued(this::closedError);
        finishClose();
    }

    private void finishClose() {
        SessionAgeTimer a = age;
        if (a != null) {
            a.cancel();
        }
        end.finish(engine.plugins, this);
    }

    /** See {@link SessionEnd#announce}. */
    void announce() {
        end.announce();
    }

    // ---- redial (the client-side part is the Redialer) --------------------------------------

    private InboundDispatcher dispatcher() {
        InboundDispatcher d = dispatcher;
        if (d == null) {
            d = new InboundDispatcher(this);
            dispatcher = d;
        }
        return d;
    }

    private OutboundSender sender() {
        OutboundSender s = sender;
        if (s == null) {
            s = new OutboundSender(this, engine, calls());
            sender = s;
        }
        return s;
    }

    /** This session's calls and sequence numbers; made on first use (an idle session has none), through a CAS as any thread may ask. */
    private PendingCalls calls() {
        return LazyFields.get(CALLS, this, s -> new PendingCalls(() -> s.channel.eventLoop(), s::checkDrained));
    }

    private Drain drain() {
        return LazyFields.get(DRAIN, this, s -> new Drain(() -> s.handlersInFlight == 0 && s.callsInFlight() == 0));
    }

    /** The redialer of a dialed session, made on first use; null for an accepted one. */
    @Nullable Redialer redialer() {
        String address = dialAddress;
        return address == null ? null : LazyFields.get(REDIALER, this, s -> new Redialer(s, s.engine, address));
    }

    /** Whether this session is one that redials, when the endpoint allows it: a dialed one. */
    boolean redials() {
        return dialAddress != null;
    }

    boolean canRedial() {
        return dialAddress != null && Redialer.enabled(engine);
    }

    boolean redialing() {
        Redialer r = redialer;
        return r != null && r.redialing();
    }

    /** The redial loop ended without a connection: REDIAL_FAILED, unless the session was closed meanwhile. */
    void redialEnded() {
        if (STATE.compareAndSet(this, SessionState.REDIALING, SessionState.REDIAL_FAILED)
                || STATE.compareAndSet(this, SessionState.PREPARING, SessionState.REDIAL_FAILED)) {
            calls().failQueued(this::closedError);
            finishClose();
        }
    }

    /** Moves this session onto a fresh connection for a redial attempt: nothing of the broken one's handshake or notices carries over. */
    void moveTo(Channel fresh) {
        HandshakePhase e = early;
        if (e != null) {
            e.renew();
        }
        verdict = PeerVerdict.NONE;
        InboundDispatcher d = dispatcher;
        if (d != null) {
            d.freshConnection();
        }
        this.channel = fresh;
    }

    /** Changes the state if it is {@code expected}; for the redial, which moves it between REDIALING and PREPARING. */
    boolean transition(SessionState expected, SessionState next) {
        return STATE.compareAndSet(this, expected, next);
    }

    @Override
    public String toString() {
        return "Session{id=" + id + ", state=" + state + ", remote=" + Addresses.format(remoteAddress()) + '}';
    }
}
