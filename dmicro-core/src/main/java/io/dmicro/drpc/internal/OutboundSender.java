package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.CodecException;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.plugin.AfterOutcome;
import io.dmicro.drpc.plugin.AfterWriteCall;
import io.dmicro.drpc.plugin.AfterWritePush;
import io.dmicro.drpc.plugin.BeforeWriteCall;
import io.dmicro.drpc.plugin.BeforeWritePush;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.netty.channel.Channel;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sends a session's calls and pushes: builds the message, runs the write hooks, registers the call
 * with its deadline ({@link PendingCalls}), and writes it, or holds it while the session redials.
 * A message whose write broke with its connection is sent once more, and only once, after a redial.
 */
final class OutboundSender {

    private final DefaultSession session;
    private final Engine engine;
    private final PendingCalls calls;

    OutboundSender(DefaultSession session, Engine engine, PendingCalls calls) {
        this.session = session;
        this.engine = engine;
        this.calls = calls;
    }

    private long timeoutNanos(CallOptions options) {
        Duration timeout = options.timeout() != null ? options.timeout() : engine.config.callTimeout();
        return timeout.isZero() || timeout.isNegative() ? 0 : timeout.toNanos();
    }

    CompletableFuture<Object> startCall(String route, @Nullable Object arg, Type replyType, CallOptions options, boolean wantsReply) {
        Message m;
        try {
            m = newOutbound(MessageType.CALL, route, arg, options);
        } catch (DrpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingCall call = new PendingCall(route, replyType, wantsReply, timeoutNanos(options));
        whenWritable(() -> sendCall(m, call, true), call);
        return call.future;
    }

    private void sendCall(Message m, PendingCall call, boolean mayResend) {
        // the channel this send starts on: a write hook or the network may break it, and a redial may
        // swap in a fresh one before the write's listener runs, so the resend decision judges this one
        Channel attempted = session.channel();
        if (session.state() != SessionState.OK || session.verdict().goingAway()) {
            call.future.completeExceptionally(session.closedError());
            return;
        }
        calls.add(call);
        int s = call.seq;
        m.seq(s);
        if (engine.config.sendDeadlines() && call.deadlineNanos != 0) {
            // the time left as the call leaves (a resend after a redial writes what is left then);
            // a call sent as it is made has all of it, and needs no second reading of the clock
            long leftNanos = mayResend && !call.waited ? call.timeoutNanos : call.deadlineNanos - System.nanoTime();
            m.meta().set(Meta.TIMEOUT, millisText(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(leftNanos))));
        }
        OutboundMessageContext wctx = new OutboundMessageContext(session, m, null).sharingAttributesOf(call.outbound);
        call.outbound = wctx;
        if (mayResend) {
            reportOutcome(call);
        }
        Status before = Hooks.check(engine.plugins, BeforeWriteCall.class, h -> h.beforeWriteCall(wctx));
        if (!before.isOk()) {
            calls.remove(call);
            call.future.completeExceptionally(before.toException());
            session.checkDrained();
            return;
        }
        session.write(attempted, m, failure -> {
            if (failure == null) {
                call.written = true;
                if (!attempted.isActive() && calls.remove(call)) {
                    // written, then the connection died before failWritten could see it as written
                    call.future.completeExceptionally(session.verdict().broken(call.seq, "connection closed").toException());
                    session.checkDrained();
                    return;
                }
                Hooks.notice(engine.plugins, AfterWriteCall.class, h -> h.afterWriteCall(wctx));
                return;
            }
            if (calls.remove(call)) {
                if (mayResend && session.canRedial() && (!attempted.isActive() || session.redialing())) {
                    // the connection broke under this write: send it once more, and only once, after a redial
                    whenWritable(() -> sendCall(m, call, false), call);
                    return;
                }
                call.future.completeExceptionally(session.verdict().unwritten(failure));
                session.checkDrained();
            }
        });
    }

    /** The last timeout written, as text: calls with the same timeout sent as they are made all write the same. */
    private record MillisText(long millis, String text) {
    }

    private @Nullable MillisText lastMillis; // a race only makes a text again

    private String millisText(long millis) {
        MillisText last = lastMillis;
        if (last == null || last.millis != millis) {
            last = new MillisText(millis, Long.toString(millis));
            lastMillis = last;
        }
        return last.text;
    }

    CompletableFuture<Void> push(String route, @Nullable Object arg, CallOptions options) {
        Message m;
        try {
            m = newOutbound(MessageType.PUSH, route, arg, options);
        } catch (DrpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingCall push = new PendingCall(route, Void.class, false, timeoutNanos(options));
        whenWritable(() -> sendPush(m, push, true), push);
        @SuppressWarnings({"unchecked", "rawtypes"})
        CompletableFuture<Void> done = (CompletableFuture) push.future;
        return done;
    }

    private void sendPush(Message m, PendingCall push, boolean mayResend) {
        Channel attempted = session.channel(); // judged by the write's listener, as in sendCall
        CompletableFuture<Object> done = push.future;
        if (session.state() != SessionState.OK || session.verdict().goingAway()) {
            done.completeExceptionally(session.closedError());
            return;
        }
        m.seq(calls.nextSeq());
        OutboundMessageContext wctx = new OutboundMessageContext(session, m, null).sharingAttributesOf(push.outbound);
        push.outbound = wctx;
        if (mayResend) {
            reportOutcome(push);
        }
        Status before = Hooks.check(engine.plugins, BeforeWritePush.class, h -> h.beforeWritePush(wctx));
        if (!before.isOk()) {
            done.completeExceptionally(before.toException());
            return;
        }
        session.write(attempted, m, failure -> {
            if (failure == null) {
                Hooks.notice(engine.plugins, AfterWritePush.class, h -> h.afterWritePush(wctx));
                done.complete(null);
            } else if (mayResend && session.canRedial() && (!attempted.isActive() || session.redialing())) {
                whenWritable(() -> sendPush(m, push, false), push);
            } else {
                done.completeExceptionally(session.verdict().unwritten(failure));
            }
        });
    }

    /** Runs the {@link AfterOutcome} hooks once the call or push completes; nothing when no plugin has one. */
    private void reportOutcome(PendingCall call) {
        if (engine.plugins.hooks(AfterOutcome.class).isEmpty()) {
            return;
        }
        call.future.whenComplete((v, e) -> {
            OutboundMessageContext ctx = call.outbound;
            if (ctx != null) {
                Status s = e == null ? Status.OK : statusOf(e);
                Hooks.announce(engine.plugins, AfterOutcome.class, h -> h.afterOutcome(ctx, s));
            }
        });
    }

    private static Status statusOf(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof DrpcException d ? d.status() : Status.withCause(Status.UNKNOWN_ERROR, String.valueOf(cause));
    }

    /**
     * Runs {@code send} now, or after a redial in progress succeeds; fails the call or push if it
     * does not, or at its deadline, whichever comes first.
     */
    private void whenWritable(Runnable send, PendingCall waiting) {
        if (!session.redials() || !mustWaitForRedial()) {
            send.run();
            return;
        }
        Redialer r = session.redialer();
        CompletableFuture<Boolean> outcome = r.next();
        if (session.state() == SessionState.OK && session.channel().isActive()) {
            send.run(); // the redial finished between the two reads
            return;
        }
        waiting.waited = true;
        calls.queue(waiting);
        outcome.whenComplete((ok, e) -> {
            if (!calls.unqueue(waiting)) {
                return; // timed out meanwhile
            }
            if (Boolean.TRUE.equals(ok)) {
                send.run();
            } else {
                waiting.future.completeExceptionally(session.closedError());
            }
        });
    }

    /**
     * REDIALING; a redial's handshake (PREPARING on a dialed session, which users see only once open);
     * or a dead connection whose redial is about to start. A connection the peer is leaving is not
     * waited for: calls on it fail at once with 503, so a multi-instance client tries another peer.
     */
    private boolean mustWaitForRedial() {
        SessionState s = session.state();
        if (s == SessionState.REDIALING || s == SessionState.PREPARING) {
            return true;
        }
        return (s == SessionState.OK || s == SessionState.PASSIVE_CLOSING) && !session.channel().isActive() && session.canRedial();
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
}
