package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.CodecException;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.plugin.AfterDisconnect;
import io.dmicro.drpc.plugin.AfterWriteCall;
import io.dmicro.drpc.plugin.AfterWritePush;
import io.dmicro.drpc.plugin.BeforeReadHeader;
import io.dmicro.drpc.plugin.BeforeWriteCall;
import io.dmicro.drpc.plugin.BeforeWritePush;
import io.dmicro.drpc.plugin.EarlySession;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.drpc.transport.TransportUri;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link Session}: a connection's state machine, its calls in flight and
 * its inbound dispatch ({@link InboundDispatcher}). I/O happens on the channel's event loop;
 * public methods are safe from any thread.
 */
public final class DefaultSession implements Session, EarlySession, io.dmicro.drpc.transport.ChannelSession {

    private static final Logger log = LoggerFactory.getLogger(DefaultSession.class);

    final Engine engine;
    private final boolean dialed;
    private final @Nullable String dialAddress;
    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.PREPARING);
    private final AtomicInteger seq = new AtomicInteger();
    private final ConcurrentHashMap<Integer, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicInteger handlersInFlight = new AtomicInteger();
    private final ConcurrentHashMap<String, Object> attributes = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final BlockingQueue<Object> earlyInbox = new LinkedBlockingQueue<>();
    private final Instant createdAt = Instant.now();
    private final InboundDispatcher dispatcher;
    private volatile Channel channel;
    private volatile String id;
    private volatile boolean customId;
    private volatile long lastActivityMillis = System.currentTimeMillis();
    /** See {@link #announce()}. */
    private volatile boolean announced;
    private volatile Duration sessionAge;
    private volatile @Nullable ScheduledFuture<?> ageTimer;
    private volatile @Nullable CompletableFuture<Void> drain;
    /** Completes with the outcome of the next (or running) redial; replaced once that redial is over. */
    private final AtomicReference<CompletableFuture<Boolean>> nextRedial = new AtomicReference<>(new CompletableFuture<>());
    private volatile boolean redialing;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private final java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.LongAdder bytesIn = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder bytesOut = new java.util.concurrent.atomic.LongAdder();
    final io.dmicro.drpc.proto.Proto proto;

    DefaultSession(Engine engine, Channel channel, boolean dialed, @Nullable String dialAddress, io.dmicro.drpc.proto.Proto proto) {
        this.engine = engine;
        this.channel = channel;
        this.dialed = dialed;
        this.dialAddress = dialAddress;
        this.proto = proto;
        this.id = channel.isActive() ? defaultId(channel) : "";
        this.sessionAge = engine.config.sessionAge();
        this.dispatcher = new InboundDispatcher(this);
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
        String old = this.id;
        if (old.equals(newId)) {
            return;
        }
        this.id = newId;
        this.customId = true;
        engine.hub.rekey(this, old);
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

    @Override
    public boolean isHealthy() {
        SessionState s = state.get();
        return s == SessionState.OK || (s == SessionState.REDIALING);
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
        return pending.size();
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

    /** Called on the event loop once the handshake hooks passed: the session is open. */
    void open(Runnable then) {
        channel.eventLoop().execute(() -> {
            if (!state.compareAndSet(SessionState.PREPARING, SessionState.OK)) {
                then.run();
                return;
            }
            engine.hub.add(this);
            armAgeTimer();
            Object queued;
            while ((queued = earlyInbox.poll()) != null) {
                deliver(queued);
            }
            beforeReadHeader();
            then.run();
        });
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
            earlyInbox.offer(m);
            return;
        }
        deliver(m);
        beforeReadHeader();
    }

    void onBadFrame(ProtoException e) {
        if (state.get() == SessionState.PREPARING) {
            earlyInbox.offer(e);
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
            case REPLY -> dispatcher.onReply(m, pending.remove(m.seq()));
            case CALL -> dispatcher.onCall(m);
            case PUSH -> dispatcher.onPush(m);
            default -> {
                log.warn("session {}: message type {} is not allowed here; closing", id, m.type().text());
                Message reply = new Message(m.seq(), MessageType.REPLY, "")
                        .status(Status.withCause(Status.MTYPE_NOT_ALLOWED, "message type " + m.type().text() + " is not allowed"));
                channel.writeAndFlush(reply).addListener(f -> channel.close());
            }
        }
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
        return (CompletableFuture) startCall(route, arg, replyType, options, true);
    }

    /** Like the interface's default, without a Reply and a second future per call. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> CompletableFuture<T> call(String route, @Nullable Object arg, Type replyType, CallOptions options) {
        return (CompletableFuture) startCall(route, arg, replyType, options, false);
    }

    private CompletableFuture<Object> startCall(String route, @Nullable Object arg, Type replyType, CallOptions options, boolean wantsReply) {
        Message m;
        try {
            m = newOutbound(MessageType.CALL, route, arg, options);
        } catch (DrpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingCall call = new PendingCall(0, route, replyType, wantsReply);
        whenWritable(() -> sendCall(m, call, options, true), call.future);
        return call.future;
    }

    private void sendCall(Message m, PendingCall call, CallOptions options, boolean mayResend) {
        // the channel this send starts on: a write hook or the network may break it, and a redial may
        // swap in a fresh one before the write's listener runs, so the resend decision judges this one
        Channel attempted = channel;
        if (state.get() != SessionState.OK) {
            call.future.completeExceptionally(closedError());
            return;
        }
        int s = seq.incrementAndGet();
        m.seq(s);
        call.seq = s;
        OutboundMessageContext wctx = new OutboundMessageContext(this, m, null);
        call.outbound = wctx;
        Status before = Hooks.check(engine.plugins, BeforeWriteCall.class, h -> h.beforeWriteCall(wctx));
        if (!before.isOk()) {
            call.future.completeExceptionally(before.toException());
            return;
        }
        Duration timeout = options.timeout() != null ? options.timeout() : engine.config.callTimeout();
        boolean limited = !timeout.isZero() && !timeout.isNegative();
        if (limited) {
            call.timeoutNanos = timeout.toNanos();
        }
        pending.put(s, call);
        if (limited) {
            armSweep();
        }
        write(m).addListener(f -> {
            if (f.isSuccess()) {
                call.written = true;
                if (!attempted.isActive() && pending.remove(s, call)) {
                    // written, then the connection died before failPending could see it as written
                    call.future.completeExceptionally(Status.withCause(Status.CONN_CLOSED, "connection closed").toException());
                    checkDrained();
                    return;
                }
                Hooks.notice(engine.plugins, AfterWriteCall.class, h -> h.afterWriteCall(wctx));
                return;
            }
            if (pending.remove(s, call)) {
                if (mayResend && canRedial() && (!attempted.isActive() || redialing)) {
                    // the connection broke under this write: send it once more after a redial
                    whenWritable(() -> sendCall(m, call, options, false), call.future);
                    return;
                }
                call.future.completeExceptionally(writeError(f.cause()));
                checkDrained();
            }
        });
    }

    @Override
    public CompletableFuture<Void> push(String route, @Nullable Object arg, CallOptions options) {
        Message m;
        try {
            m = newOutbound(MessageType.PUSH, route, arg, options);
        } catch (DrpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        whenWritable(() -> sendPush(m, done, true), done);
        return done;
    }

    private void sendPush(Message m, CompletableFuture<Void> done, boolean mayResend) {
        Channel attempted = channel; // judged by the write's listener, as in sendCall
        if (state.get() != SessionState.OK) {
            done.completeExceptionally(closedError());
            return;
        }
        m.seq(seq.incrementAndGet());
        OutboundMessageContext wctx = new OutboundMessageContext(this, m, null);
        Status before = Hooks.check(engine.plugins, BeforeWritePush.class, h -> h.beforeWritePush(wctx));
        if (!before.isOk()) {
            done.completeExceptionally(before.toException());
            return;
        }
        write(m).addListener(f -> {
            if (f.isSuccess()) {
                Hooks.notice(engine.plugins, AfterWritePush.class, h -> h.afterWritePush(wctx));
                done.complete(null);
            } else if (mayResend && canRedial() && (!attempted.isActive() || redialing)) {
                whenWritable(() -> sendPush(m, done, false), done);
            } else {
                done.completeExceptionally(writeError(f.cause()));
            }
        });
    }

    /** Runs {@code send} now, or after a redial in progress succeeds; fails {@code onFail} if it does not. */
    private void whenWritable(Runnable send, CompletableFuture<?> onFail) {
        SessionState s = state.get();
        // REDIALING, or a dead channel whose inactive event has not been handled yet: the redial
        // that is running or about to start decides
        // a dialed session is handed to users only once open, so PREPARING here means a redial's
        // handshake, including the moment between the redial's end and the open task
        boolean broken = s == SessionState.REDIALING || (s == SessionState.PREPARING && (redialing || dialed))
                || ((s == SessionState.OK || s == SessionState.PASSIVE_CLOSING) && !channel.isActive() && canRedial());
        if (!broken) {
            send.run();
            return;
        }
        CompletableFuture<Boolean> r = nextRedial.get();
        if (state.get() == SessionState.OK && channel.isActive()) {
            send.run(); // the redial finished between the two reads
            return;
        }
        r.whenComplete((ok, e) -> {
            if (Boolean.TRUE.equals(ok)) {
                send.run();
            } else {
                onFail.completeExceptionally(closedError());
            }
        });
    }

    private Message newOutbound(MessageType type, String route, @Nullable Object arg, CallOptions options) {
        if (route.isEmpty()) {
            throw Status.withCause(Status.BAD_MESSAGE, "invalid service method for message").toException();
        }
        byte codec = options.bodyCodec() == null ? engine.defaultCodecId : engine.codecs.require(options.bodyCodec()).id();
        Message m = new Message(0, type, route).bodyCodec(codec);
        try {
            m.body(engine.codecs.encodeBody(arg, codec));
        } catch (CodecException e) {
            throw Status.withCause(Status.BAD_MESSAGE, "cannot encode body: " + e.getMessage()).toException();
        }
        options.meta().forEach(m.meta()::set);
        if (options.acceptBodyCodec() != null) {
            m.meta().set(Meta.ACCEPT_BODY_CODEC, Integer.toString(engine.codecs.require(options.acceptBodyCodec()).id() & 0xff));
        }
        if (!options.filters().isEmpty()) {
            byte[] ids = new byte[options.filters().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = engine.config.filters().require(options.filters().get(i)).id();
            }
            m.filterIds(ids);
        }
        return m;
    }

    /**
     * Writes a message if the session allows it: when OK, or a REPLY while actively closing. A
     * connection whose outbound buffer is over the limit refuses new writes with 104 instead of
     * queueing without bound.
     */
    ChannelFuture write(Message m) {
        SessionState s = state.get();
        Channel ch = channel;
        boolean allowed = s == SessionState.OK || (s == SessionState.ACTIVE_CLOSING && m.type() == MessageType.REPLY)
                || (s == SessionState.PREPARING && (m.type() == MessageType.AUTH_CALL || m.type() == MessageType.AUTH_REPLY));
        if (!allowed) {
            return ch.newFailedFuture(closedError());
        }
        ChannelOutboundBuffer buffer = ch.unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() > engine.config.maxPendingWriteBytes()) {
            return ch.newFailedFuture(Status.withCause(Status.WRITE_FAILED, "outbound buffer full: "
                    + buffer.totalPendingWriteBytes() + " bytes waiting for a slow peer").toException());
        }
        return ch.writeAndFlush(m);
    }

    DrpcException closedError() {
        return Status.withCause(Status.CONN_CLOSED, "session " + id + " is " + state.get()).toException();
    }

    private static DrpcException writeError(@Nullable Throwable cause) {
        if (cause instanceof DrpcException d) {
            return d;
        }
        if (cause instanceof io.netty.handler.codec.EncoderException e && e.getCause() instanceof DrpcException d) {
            return d;
        }
        if (cause instanceof java.nio.channels.ClosedChannelException || cause instanceof java.io.IOException) {
            return Status.withCause(Status.CONN_CLOSED, String.valueOf(cause)).toException();
        }
        return Status.withCause(Status.WRITE_FAILED, String.valueOf(cause)).toException();
    }

    // ---- early phase (handshakes) -------------------------------------------------------

    @Override
    public Status earlySend(MessageType type, String serviceMethod, @Nullable Object body, Status status) {
        if (pastHandshake()) {
            return Status.withCause(Status.INVALID_OP, "Cannot be called during the Non-AfterDial and Non-AfterAccept phase");
        }
        if (state.get() != SessionState.PREPARING) {
            return Status.withCause(Status.CONN_CLOSED, "connection closed during the handshake");
        }
        Message m = new Message(seq.incrementAndGet(), type, serviceMethod).status(status).bodyCodec(engine.defaultCodecId);
        try {
            m.body(engine.codecs.encodeBody(body, engine.defaultCodecId));
        } catch (CodecException e) {
            return Status.withCause(Status.BAD_MESSAGE, e.getMessage());
        }
        ChannelFuture f = channel.writeAndFlush(m).awaitUninterruptibly();
        return f.isSuccess() ? Status.OK : writeError(f.cause()).status();
    }

    @Override
    public Message earlyReceive(Duration timeout) {
        // a peer that answered and hung up closes the session under the handshake: what it sent is
        // still in the inbox, and after that the answer is 102, not "wrong phase"
        if (pastHandshake()) {
            throw Status.withCause(Status.INVALID_OP, "Cannot be called during the Non-AfterDial and Non-AfterAccept phase").toException();
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Object next = earlyInbox.poll(Math.min(50_000_000L, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
                if (next instanceof Message m) {
                    return m;
                }
                if (next instanceof ProtoException e) {
                    throw e;
                }
                if (!channel.isActive()) {
                    throw Status.withCause(Status.CONN_CLOSED, "connection closed during the handshake").toException();
                }
                if (System.nanoTime() >= deadline) {
                    throw Status.withCause(Status.HANDLE_TIMEOUT, "no handshake message within " + timeout.toMillis() + " ms").toException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.withCause(Status.CONN_CLOSED, "interrupted during the handshake").toException();
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
        CompletableFuture<Void> drained = new CompletableFuture<>();
        drain = drained;
        ScheduledFuture<?> bound = channel.eventLoop().schedule(() -> {
            if (!drained.isDone()) {
                log.info("session {}: {} handlers and {} calls still in flight after {}; closing anyway",
                        id, handlersInFlight.get(), pending.size(), drainTimeout);
                drained.complete(null);
            }
        }, drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
        drained.whenComplete((v, e) -> {
            bound.cancel(false);
            state.set(SessionState.ACTIVE_CLOSED);
            channel.close().addListener(f -> {
                failPending("session closed");
                finishClose();
            });
        });
        checkDrained();
        return closeFuture;
    }

    private void checkDrained() {
        CompletableFuture<Void> d = drain;
        if (d != null && state.get() == SessionState.ACTIVE_CLOSING && handlersInFlight.get() == 0 && pending.isEmpty()) {
            d.complete(null);
        }
    }

    void onChannelInactive(Channel ch) {
        if (ch != channel || redialing) {
            return;
        }
        SessionState s = state.get();
        if (s == SessionState.ACTIVE_CLOSING) {
            // the peer went away while we drained: nothing more can arrive
            failPending("connection closed by peer during close");
            CompletableFuture<Void> d = drain;
            if (d != null) {
                d.complete(null);
            }
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
        failPending("connection closed");
        if (s == SessionState.OK && canRedial()) {
            startRedial();
            return;
        }
        state.set(SessionState.PASSIVE_CLOSED);
        finishClose();
    }

    /**
     * Call timeouts: while calls wait, the session's event loop looks every 10 ms for those past
     * their deadline. One task per busy session instead of a timer entry armed and cancelled per
     * call, and no clock read per call: a call's deadline is set by the first sweep after it was sent.
     * A timeout therefore never fires early, and at most two intervals (20 ms) late.
     */
    private void armSweep() {
        if (sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    private void scheduleSweep() {
        try {
            channel.eventLoop().schedule(this::sweep, SWEEP_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            sweeping.set(false); // the endpoint is shutting down: its close fails what is left
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (PendingCall call : pending.values()) {
            long timeout = call.timeoutNanos;
            if (timeout == 0) {
                continue;
            }
            if (!call.deadlineSet) {
                // the call was sent at most one interval ago: its clock starts now, so it never times out early
                call.deadlineNanos = now + timeout;
                call.deadlineSet = true;
            } else if (now - call.deadlineNanos >= 0 && pending.remove(call.seq, call)) {
                call.future.completeExceptionally(Status.withCause(Status.HANDLE_TIMEOUT,
                        "no reply to " + call.serviceMethod + " within " + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms")
                        .toException());
            }
        }
        checkDrained();
        if (!pending.isEmpty()) {
            scheduleSweep();
            return;
        }
        sweeping.set(false);
        if (!pending.isEmpty()) {
            armSweep(); // a call arrived between the check and the reset
        }
    }

    private void failPending(String why) {
        if (pending.isEmpty()) {
            return;
        }
        for (PendingCall call : new ArrayList<>(pending.values())) {
            // a call still being written is left to its write's outcome: it may be sent again after a redial
            if (call.written && pending.remove(call.seq, call)) {
                call.future.completeExceptionally(Status.withCause(Status.CONN_CLOSED, why).toException());
            }
        }
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

    // ---- redial -------------------------------------------------------------------------

    private boolean canRedial() {
        return dialed && dialAddress != null && engine.config.redialTimes() != 0 && !engine.closing();
    }

    private void startRedial() {
        CompletableFuture<Boolean> done = nextRedial.get();
        redialing = true;
        state.set(SessionState.REDIALING);
        log.info("session {}: connection to {} lost; redialing", id, TransportUri.redact(dialAddress));
        engine.handlerExecutor.execute(() -> {
            Channel fresh = null;
            try {
                fresh = engine.connector().redial(this, dialAddress);
            } catch (RuntimeException e) {
                log.warn("session {}: redial failed", id, e);
            }
            redialing = false;
            Channel opened = fresh;
            if (opened != null && opened.isActive()) {
                assignDefaultId();
                log.info("session {}: redialed {}", id, TransportUri.redact(dialAddress));
                open(() -> {
                    boolean ok = state.get() == SessionState.OK;
                    if (!ok) {
                        opened.close(); // closed by the user while the handshake ran
                    }
                    nextRedial.set(new CompletableFuture<>());
                    done.complete(ok);
                });
            } else {
                if (opened != null) {
                    opened.close();
                }
                if (state.compareAndSet(SessionState.REDIALING, SessionState.REDIAL_FAILED)) {
                    finishClose();
                }
                done.complete(false);
            }
        });
    }

    /** Moves this session onto a fresh channel for a redial attempt; the handshake hooks run next. */
    boolean prepareChannel(Channel fresh) {
        if (state.get() != SessionState.REDIALING) {
            return false; // closed while the connection was being made
        }
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
