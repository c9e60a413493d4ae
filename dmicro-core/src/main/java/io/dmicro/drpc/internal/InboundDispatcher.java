package io.dmicro.drpc.internal;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.CodecException;
import io.dmicro.drpc.codec.JsonCodec;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.plugin.AfterReadCallBody;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushBody;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.AfterReadReplyBody;
import io.dmicro.drpc.plugin.AfterReadReplyHeader;
import io.dmicro.drpc.plugin.AfterWriteReply;
import io.dmicro.drpc.plugin.BeforeReadCallBody;
import io.dmicro.drpc.plugin.BeforeReadHeader;
import io.dmicro.drpc.plugin.BeforeReadPushBody;
import io.dmicro.drpc.plugin.BeforeReadReplyBody;
import io.dmicro.drpc.plugin.BeforeWriteReply;
import io.dmicro.drpc.plugin.HandlerScope;
import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.router.Route;
import io.dmicro.drpc.session.Reply;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries each incoming message through its hooks to its handler (reference §9): header hooks and
 * the route lookup on the I/O thread, body decoding and the handler on the worker executor unless
 * the route is non-blocking, then the reply. A closing session refuses new calls (503, not run) and
 * drops pushes; a {@link GoAway} goes to the session's {@link PeerVerdict}.
 */
final class InboundDispatcher {

    private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);
    /** The status (and HTTP status) of a call whose asked reply codec cannot carry its declared reply. */
    private static final int NOT_ACCEPTABLE = 406;

    private final DefaultSession session;
    private final Engine engine;
    /**
     * The peer's calls read on the current connection (so not refused as closing): whether any was,
     * and the last one's number, for the {@link GoAway} of a graceful close. Written and read on
     * the I/O thread; reset by a redial before the fresh connection delivers anything.
     */
    private boolean anyCallRead;
    private int lastCallRead;

    InboundDispatcher(DefaultSession session) {
        this.session = session;
        this.engine = session.engine;
    }

    /** The notice of a graceful close, saying which calls were read; on the I/O thread, once the session refuses new calls. */
    Message goAway(int seq) {
        return GoAway.leaving(seq, anyCallRead, lastCallRead);
    }

    /** A redial moved the session onto a fresh connection: nothing has been read on it. */
    void freshConnection() {
        anyCallRead = false;
    }

    /** One message (or skipped bad frame) of an open or closing session, on the I/O thread. */
    void deliver(Object inbound) {
        if (inbound instanceof ProtoException e) {
            onBadFrame(e);
            return;
        }
        Message m = (Message) inbound;
        switch (m.type()) {
            case REPLY -> onReply(m, session.takeCall(m.seq()));
            case CALL -> {
                if (session.state() == SessionState.ACTIVE_CLOSING) {
                    refuse(m, Status.withCause(Status.SERVICE_UNAVAILABLE, "session " + session.id() + " is closing; the call was not run"));
                } else {
                    anyCallRead = true;
                    lastCallRead = m.seq();
                    onCall(m);
                }
            }
            case PUSH -> {
                if (GoAway.is(m)) {
                    onGoAway(m.status(), GoAway.callsRead(m));
                } else if (session.state() == SessionState.ACTIVE_CLOSING) {
                    log.debug("session {} is closing; push {} dropped", session.id(), m.serviceMethod());
                } else {
                    onPush(m);
                }
            }
            default -> {
                log.warn("session {}: message type {} is not allowed here; closing", session.id(), m.type().text());
                Message reply = new Message(m.seq(), MessageType.REPLY, "")
                        .status(Status.withCause(Status.MTYPE_NOT_ALLOWED, "message type " + m.type().text() + " is not allowed"));
                io.netty.channel.Channel ch = session.channel();
                ch.writeAndFlush(reply).addListener(f -> ch.close());
            }
        }
    }

    /** The peer is going away, or refused the connection; it closes the connection next, once its own work is done. */
    private void onGoAway(Status why, GoAway.@Nullable CallsRead read) {
        PeerVerdict before = session.changeVerdict(v -> v.afterGoAway(why, read));
        if (!why.isOk()) {
            log.info("session {}: the peer refused the connection: {}", session.id(), why);
        } else if (!before.goingAway()) {
            log.debug("session {}: the peer is going away", session.id());
        }
    }

    /** Runs the BeforeReadHeader hooks before the next message is read; one that fails closes the connection. */
    void beforeReadHeader() {
        if (engine.plugins.hooks(BeforeReadHeader.class).isEmpty()) {
            return;
        }
        Status s = Hooks.check(engine.plugins, BeforeReadHeader.class, h -> h.beforeReadHeader(session));
        if (!s.isOk()) {
            log.info("session {}: BeforeReadHeader returned {}; closing", session.id(), s);
            session.channel().close();
        }
    }

    // ---- CALL ---------------------------------------------------------------------------

    void onCall(Message m) {
        InboundMessageContext ctx = new InboundMessageContext(session, m);
        ctx.startDeadline();
        Status s = Hooks.check(engine.plugins, AfterReadCallHeader.class, h -> h.afterReadCallHeader(ctx));
        if (!s.isOk()) {
            reply(ctx, null, s, engine.plugins, false);
            return;
        }
        if (m.serviceMethod().isEmpty()) {
            reply(ctx, null, Status.withCause(Status.BAD_MESSAGE, "invalid service method for message"), engine.plugins, false);
            return;
        }
        Route route = engine.router.lookup(m.serviceMethod());
        if (route == null) {
            route = engine.router.unknownCall();
        }
        if (route == null) {
            reply(ctx, null, Status.withCause(Status.NOT_FOUND, "no handler for " + m.serviceMethod()), engine.plugins, false);
            return;
        }
        ctx.route = route;
        PluginContainer plugins = route.plugins();
        s = Hooks.check(plugins, BeforeReadCallBody.class, h -> h.beforeReadCallBody(ctx));
        if (!s.isOk()) {
            reply(ctx, null, s, plugins, false);
            return;
        }
        Status unencodable = unencodableReply(ctx, route);
        if (unencodable != null) {
            reply(ctx, null, unencodable, plugins, false);
            return;
        }
        session.handlerStarted();
        Route chosen = route;
        if (route.nonBlocking()) {
            runCall(ctx, chosen);
            return;
        }
        try {
            engine.handlerExecutor.execute(() -> runCall(ctx, chosen));
        } catch (RejectedExecutionException e) {
            reply(ctx, null, Status.withCause(Status.SERVICE_UNAVAILABLE, "handler executor is full"), plugins, true);
        }
    }

    /**
     * A 406 when the caller asked for a reply codec that cannot carry what the route declares it
     * returns (protobuf and an {@code int}): refused before the handler runs, instead of a 500 after
     * it did its work. Only a declared type decides; otherwise {@link #encodeReply} reports what fails.
     */
    private @Nullable Status unencodableReply(InboundMessageContext ctx, Route route) {
        byte asked = ctx.askedReplyCodec();
        Type declared = route.replyType();
        if (asked == 0 || declared == Object.class || declared == Void.class) {
            return null;
        }
        Codec codec = engine.codecs.get(asked);
        if (codec == null || codec.canEncode(declared)) {
            return null;
        }
        String able = engine.codecs.all().stream().filter(c -> c.canEncode(declared))
                .map(c -> c.name() + " (" + c.contentType() + ")").collect(Collectors.joining(", "));
        return Status.of(NOT_ACCEPTABLE, "Not Acceptable", "the reply of " + ctx.serviceMethod() + " is " + declared.getTypeName()
                + ", which the " + codec.name() + " codec (" + codec.contentType() + ") cannot carry; ask for a codec that can"
                + (able.isEmpty() ? "" : ": " + able) + ", or for none");
    }

    /** Answers a call with {@code status} without running it (a closing session's 503). */
    void refuse(Message m, Status status) {
        reply(new InboundMessageContext(session, m), null, status, engine.plugins, false);
    }

    private void runCall(InboundMessageContext ctx, Route route) {
        PluginContainer plugins = route.plugins();
        if (ctx.pastDeadline()) {
            // the caller stopped waiting while the call queued for a worker: answer, but do not run it
            reply(ctx, null, Status.withCause(Status.HANDLE_TIMEOUT, "deadline of " + ctx.serviceMethod()
                    + " passed before its handler ran; not executed"), plugins, true);
            return;
        }
        try {
            ctx.body = decodeArg(ctx, route);
        } catch (DrpcException e) {
            reply(ctx, null, e.status(), plugins, true);
            return;
        }
        Status s = Hooks.check(plugins, AfterReadCallBody.class, h -> h.afterReadCallBody(ctx));
        if (!s.isOk()) {
            reply(ctx, null, s, plugins, true);
            return;
        }
        Object result;
        HandlerScope.Scope scope = Hooks.openScopes(plugins, ctx);
        try {
            result = route.invoke(ctx, ctx.body);
        } catch (Throwable t) {
            reply(ctx, null, statusOf(t, ctx), plugins, true);
            return;
        } finally {
            scope.close();
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    reply(ctx, null, statusOf(error, ctx), plugins, true);
                } else {
                    reply(ctx, value, Status.OK, plugins, true);
                }
            });
        } else {
            reply(ctx, result, Status.OK, plugins, true);
        }
    }

    private @Nullable Object decodeArg(InboundMessageContext ctx, Route route) {
        if (route.argType() == Void.class) {
            return null;
        }
        byte[] body = ctx.input().body();
        if (body.length == 0 && needsValue(route)) {
            // no value to give: the handler would meet a null where its signature promises one (a
            // NullPointerException, answered 500); the caller sent too little, so it hears 400
            throw Status.withCause(Status.BAD_MESSAGE, "the call to " + ctx.serviceMethod() + " has no body, and its handler takes "
                    + route.argType().getTypeName()).toException();
        }
        byte codec = ctx.effectiveCodec();
        if (codec == JsonCodec.ID && PositionalArgs.isArray(body)) {
            body = PositionalArgs.toArgument(body, route.argType(), ctx.serviceMethod());
        }
        Object arg;
        try {
            arg = engine.codecs.decodeBody(body, codec, route.argType());
        } catch (CodecException | IllegalArgumentException e) {
            throw Status.withCause(Status.BAD_MESSAGE, "cannot decode body of " + ctx.serviceMethod() + ": " + BodyErrors.reason(e)).toException();
        }
        if (arg == null && needsValue(route)) {
            throw Status.withCause(Status.BAD_MESSAGE, "the body of the call to " + ctx.serviceMethod() + " is null, and its handler takes "
                    + route.argType().getTypeName()).toException();
        }
        return arg;
    }

    /** Whether the handler's argument cannot be null (a primitive or a record); asked only when the body gave none. */
    private static boolean needsValue(Route route) {
        return route.argType() instanceof Class<?> c && (c.isPrimitive() || c.isRecord());
    }

    /**
     * Encodes the reply body in its codec. When nobody chose that codec (it is only the request's)
     * and it cannot carry the value, such as a form's codec and a number, the endpoint's default
     * codec carries it instead: the caller asked for a result, not for that codec.
     */
    private Status encodeReply(InboundMessageContext ctx, @Nullable Object value, Message out) {
        byte codec = ctx.replyCodec();
        try {
            out.body(engine.codecs.encodeBody(value, codec)).bodyCodec(codec);
            return Status.OK;
        } catch (CodecException e) {
            if (ctx.askedReplyCodec() == 0 && codec != engine.defaultCodecId) {
                try {
                    out.body(engine.codecs.encodeBody(value, engine.defaultCodecId)).bodyCodec(engine.defaultCodecId);
                    return Status.OK;
                } catch (CodecException ignored) {
                    // neither can: the first codec's reason is the one to report
                }
            }
            return Status.withCause(Status.INTERNAL_SERVER_ERROR, "cannot encode reply of " + ctx.input().serviceMethod() + ": " + e.getMessage());
        }
    }

    private Status statusOf(Throwable t, InboundMessageContext ctx) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.lang.reflect.InvocationTargetException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DrpcException d) {
            return d.status();
        }
        String errorId = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
        log.warn("handler of {} failed [error id {}]", ctx.serviceMethod(), errorId, cause);
        if (engine.config.exposeErrorDetails()) {
            String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
            return Status.withCause(Status.INTERNAL_SERVER_ERROR, text + " [error id " + errorId + "]");
        }
        // what went wrong inside stays in the log; the caller gets the id to quote
        return Status.withCause(Status.INTERNAL_SERVER_ERROR, "internal error [error id " + errorId + "]");
    }

    /**
     * Writes the REPLY. On failure the body is empty and carries no codec (reference §6.2); a body
     * that cannot be encoded turns into a 500.
     */
    private void reply(InboundMessageContext ctx, @Nullable Object value, Status status, PluginContainer plugins, boolean counted) {
        Message in = ctx.input();
        Message out = new Message(in.seq(), MessageType.REPLY, "").filterIds(in.filterIds());
        if (ctx.replyMetaOrNull() != null) {
            out.meta().putAll(ctx.replyMetaOrNull());
        }
        if (status.isOk()) {
            status = encodeReply(ctx, value, out);
        }
        out.status(status);
        if (!status.isOk()) {
            out.body(null).bodyCodec((byte) 0);
        }
        OutboundMessageContext wctx = new OutboundMessageContext(session, out, ctx);
        Hooks.notice(plugins, BeforeWriteReply.class, h -> h.beforeWriteReply(wctx));
        session.write(out, failure -> {
            if (failure == null) {
                Hooks.notice(plugins, AfterWriteReply.class, h -> h.afterWriteReply(wctx));
            } else {
                log.debug("reply to {} seq {} not written: {}", in.serviceMethod(), in.seq(), String.valueOf(failure));
            }
            if (counted) {
                session.handlerFinished();
            }
        });
    }

    // ---- PUSH ---------------------------------------------------------------------------

    void onPush(Message m) {
        InboundMessageContext ctx = new InboundMessageContext(session, m);
        Status s = Hooks.check(engine.plugins, AfterReadPushHeader.class, h -> h.afterReadPushHeader(ctx));
        if (!s.isOk()) {
            log.warn("push {} dropped by AfterReadPushHeader: {}", m.serviceMethod(), s);
            return;
        }
        Route route = engine.router.lookup(m.serviceMethod());
        if (route == null) {
            route = engine.router.unknownPush();
        }
        if (route == null) {
            log.debug("no handler for push {}; dropped", m.serviceMethod());
            return;
        }
        ctx.route = route;
        s = Hooks.check(route.plugins(), BeforeReadPushBody.class, h -> h.beforeReadPushBody(ctx));
        if (!s.isOk()) {
            log.warn("push {} dropped by BeforeReadPushBody: {}", m.serviceMethod(), s);
            return;
        }
        session.handlerStarted();
        Route chosen = route;
        if (route.nonBlocking()) {
            runPush(ctx, chosen);
            return;
        }
        try {
            engine.handlerExecutor.execute(() -> runPush(ctx, chosen));
        } catch (RejectedExecutionException e) {
            log.warn("push {} dropped: handler executor is full", m.serviceMethod());
            session.handlerFinished();
        }
    }

    private void runPush(InboundMessageContext ctx, Route route) {
        try {
            ctx.body = decodeArg(ctx, route);
            Status s = Hooks.check(route.plugins(), AfterReadPushBody.class, h -> h.afterReadPushBody(ctx));
            if (!s.isOk()) {
                log.warn("push {} dropped by AfterReadPushBody: {}", ctx.serviceMethod(), s);
                return;
            }
            try (HandlerScope.Scope scope = Hooks.openScopes(route.plugins(), ctx)) {
                route.invoke(ctx, ctx.body);
            }
        } catch (DrpcException e) {
            log.warn("push {} failed: {}", ctx.serviceMethod(), e.status());
        } catch (Throwable t) {
            log.warn("push handler of {} failed", ctx.serviceMethod(), t);
        } finally {
            session.handlerFinished();
        }
    }

    // ---- REPLY --------------------------------------------------------------------------

    void onReply(Message m, @Nullable PendingCall call) {
        if (call == null) {
            log.debug("session {}: reply seq {} matches no call in flight; dropped", session.id(), m.seq());
            return;
        }
        m.serviceMethod(call.serviceMethod);
        InboundMessageContext ctx = new InboundMessageContext(session, m);
        ctx.shareAttributes(call.outbound);
        Status s = Hooks.check(engine.plugins, AfterReadReplyHeader.class, h -> h.afterReadReplyHeader(ctx));
        if (s.isOk()) {
            s = Hooks.check(engine.plugins, BeforeReadReplyBody.class, h -> h.beforeReadReplyBody(ctx));
        }
        if (s.isOk()) {
            s = m.status();
        }
        if (!s.isOk()) {
            call.future.completeExceptionally(s.toException());
            session.handlerFinishedReply();
            return;
        }
        try {
            ctx.body = engine.codecs.decodeBody(m.body(), ctx.effectiveCodec(), call.replyType);
        } catch (CodecException | IllegalArgumentException | ClassCastException e) {
            call.future.completeExceptionally(Status.withCause(Status.BAD_MESSAGE, "cannot decode reply of "
                    + call.serviceMethod + ": " + e.getMessage()).toException());
            session.handlerFinishedReply();
            return;
        }
        s = Hooks.check(engine.plugins, AfterReadReplyBody.class, h -> h.afterReadReplyBody(ctx));
        if (!s.isOk()) {
            call.future.completeExceptionally(s.toException());
        } else {
            call.future.complete(call.wantsReply ? new Reply<>(ctx.body, m.meta(), m.bodyCodec()) : ctx.body);
        }
        session.handlerFinishedReply();
    }

    // ---- bad frames ---------------------------------------------------------------------

    void onBadFrame(ProtoException e) {
        if (e.type() == MessageType.CALL) {
            log.info("session {}: bad CALL frame seq {}: {}; replying 400", session.id(), e.seq(), e.status().cause());
            Message out = new Message(e.seq(), MessageType.REPLY, "").status(e.status());
            session.write(out);
            return;
        }
        log.info("session {}: bad frame dropped: {}", session.id(), e.status().cause());
    }
}
