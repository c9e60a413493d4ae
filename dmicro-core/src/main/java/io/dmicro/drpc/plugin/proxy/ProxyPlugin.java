package io.dmicro.drpc.plugin.proxy;

import io.dmicro.drpc.AfterNewEndpoint;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.router.InboundContext;
import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.session.CallOptions;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards calls and pushes for routes this endpoint does not have to another peer (reference
 * §14.3). The body travels as it came, with its codec; all meta is copied and {@code X-Real-IP}
 * is added when absent; the reply's meta and codec come back to the caller. A forward that fails
 * on the connection (a 1xx status) is answered 502 Bad Gateway.
 *
 * <pre>{@code
 * Session upstream = gateway.dial("10.0.0.7:9090");
 * Endpoint gateway = Endpoint.create(EndpointConfig.builder()
 *         .plugins(ProxyPlugin.to(label -> Forwarder.of(upstream))).build());
 * }</pre>
 */
public final class ProxyPlugin implements AfterNewEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ProxyPlugin.class);

    private final Function<ProxyLabel, @Nullable Forwarder> route;
    private final boolean calls;
    private final boolean pushes;

    private ProxyPlugin(Function<ProxyLabel, @Nullable Forwarder> route, boolean calls, boolean pushes) {
        this.route = Objects.requireNonNull(route, "route");
        this.calls = calls;
        this.pushes = pushes;
    }

    /** Forwards unknown calls and pushes; {@code route} picks the forwarder, or null to answer 404. */
    public static ProxyPlugin to(Function<ProxyLabel, @Nullable Forwarder> route) {
        return new ProxyPlugin(route, true, true);
    }

    /** Forwards unknown calls only. */
    public static ProxyPlugin callsTo(Function<ProxyLabel, @Nullable Forwarder> route) {
        return new ProxyPlugin(route, true, false);
    }

    /** Forwards unknown pushes only. */
    public static ProxyPlugin pushesTo(Function<ProxyLabel, @Nullable Forwarder> route) {
        return new ProxyPlugin(route, false, true);
    }

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public void afterNewEndpoint(Endpoint endpoint) {
        Codecs codecs = endpoint.config().codecs();
        if (calls) {
            endpoint.router().setUnknownCall((ctx, body) -> forwardCall(ctx, body, codecs));
        }
        if (pushes) {
            endpoint.router().setUnknownPush((ctx, body) -> forwardPush(ctx, body, codecs));
        }
    }

    private CompletableFuture<byte[]> forwardCall(CallContext ctx, byte[] body, Codecs codecs) {
        Forwarder target = route.apply(label(ctx));
        if (target == null) {
            throw Status.withCause(Status.NOT_FOUND, "no handler for " + ctx.serviceMethod()).toException();
        }
        return target.call(ctx.serviceMethod(), body, options(ctx, codecs)).handle((reply, error) -> {
            if (error != null) {
                throw gatewayError(ctx, error);
            }
            ctx.replyMeta().putAll(reply.meta());
            Codec codec = reply.bodyCodec() == 0 ? null : codecs.get(reply.bodyCodec());
            if (codec != null) {
                ctx.setReplyBodyCodec(codec.name());
            }
            return reply.body() == null ? new byte[0] : reply.body();
        });
    }

    private void forwardPush(PushContext ctx, byte[] body, Codecs codecs) {
        Forwarder target = route.apply(label(ctx));
        if (target == null) {
            log.debug("no forwarder for push {}; dropped", ctx.serviceMethod());
            return;
        }
        target.push(ctx.serviceMethod(), body, options(ctx, codecs)).whenComplete((v, error) -> {
            if (error != null) {
                log.warn("forwarding push {} failed: {}", ctx.serviceMethod(), gatewayError(ctx, error).status());
            }
        });
    }

    private static ProxyLabel label(InboundContext ctx) {
        return new ProxyLabel(ctx.session().id(), ctx.realIp(), ctx.serviceMethod());
    }

    private static CallOptions options(InboundContext ctx, Codecs codecs) {
        CallOptions options = CallOptions.DEFAULT;
        for (var e : ctx.meta().entrySet()) {
            options = options.withMeta(e.getKey(), e.getValue());
        }
        if (!ctx.meta().containsKey(Meta.REAL_IP)) {
            options = options.withMeta(Meta.REAL_IP, ctx.realIp());
        }
        Codec codec = ctx.bodyCodec() == 0 ? null : codecs.get(ctx.bodyCodec());
        return codec == null ? options : options.withBodyCodec(codec.name());
    }

    /** A connection failure on the way (1xx) is the gateway's fault: 502; any other status passes through. */
    private static DrpcException gatewayError(InboundContext ctx, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DrpcException d) {
            if (d.code() >= 100 && d.code() < 200) {
                return Status.withCause(Status.BAD_GATEWAY, "forwarding " + ctx.serviceMethod() + " failed: " + d.status().msg()
                        + (d.status().cause() == null ? "" : ": " + d.status().cause())).toException();
            }
            return d;
        }
        return Status.withCause(Status.BAD_GATEWAY, "forwarding " + ctx.serviceMethod() + " failed: " + cause).toException();
    }
}
