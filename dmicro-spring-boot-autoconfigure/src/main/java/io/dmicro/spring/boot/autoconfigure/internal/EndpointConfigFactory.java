package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.BuiltInProtos;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.drpc.proto.raw.RawProto;
import io.dmicro.drpc.router.ServiceMethodMapper;
import io.dmicro.spring.boot.autoconfigure.DmicroConfigurationException;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.unit.DataSize;
import java.util.Locale;

/**
 * Builds the engine's {@link EndpointConfig} from {@code dmicro.endpoint.*} and the user's beans;
 * every rejected value becomes a {@link DmicroConfigurationException} naming its key.
 */
public final class EndpointConfigFactory {

    private static final String PREFIX = "dmicro.endpoint.";

    private EndpointConfigFactory() {
    }

    /** The builder with the properties, codecs, filters, protos and plugins applied (in the given order). */
    public static EndpointConfig.Builder builder(DmicroProperties.Endpoint p, List<Codec> codecs, List<TransferFilter> filters,
            List<Proto> protos, List<Plugin> plugins) {
        EndpointConfig.Builder b = EndpointConfig.builder();
        Codecs codecSet = codecs(codecs);
        b.codecs(codecSet);
        b.filters(filters(filters));
        if (codecSet.get(p.getDefaultBodyCodec()) == null) {
            throw new DmicroConfigurationException(PREFIX + "default-body-codec", p.getDefaultBodyCodec(),
                    "no body codec has this name (known: " + String.join(", ", codecSet.all().stream().map(Codec::name).toList()) + ")",
                    "Use one of the known codec names, or register a Codec bean with this name.");
        }
        b.defaultBodyCodec(p.getDefaultBodyCodec());
        b.proto(proto(p, protos));
        b.mapper(mapper(p.getMapper()));
        set("session-age", p.getSessionAge(), () -> b.sessionAge(p.getSessionAge()));
        set("call-timeout", p.getCallTimeout(), () -> b.callTimeout(p.getCallTimeout()));
        set("context-age", p.getContextAge(), () -> b.contextAge(p.getContextAge()));
        b.sendDeadlines(p.isSendDeadlines());
        set("slow-call-threshold", p.getSlowCallThreshold(), () -> b.slowCallThreshold(p.getSlowCallThreshold()));
        b.printDetail(p.isPrintDetail());
        b.redialTimes(p.getRedialTimes());
        set("redial-interval", p.getRedialInterval(), () -> b.redialInterval(p.getRedialInterval()));
        set("dial-timeout", p.getDialTimeout(), () -> b.dialTimeout(p.getDialTimeout()));
        set("max-message-size", p.getMaxMessageSize(), () -> b.maxMessageSize(bytes("max-message-size", p.getMaxMessageSize())));
        set("max-pending-write-bytes", p.getMaxPendingWriteBytes(),
                () -> b.maxPendingWriteBytes(bytes("max-pending-write-bytes", p.getMaxPendingWriteBytes())));
        set("max-batch-size", p.getMaxBatchSize(), () -> b.maxBatchSize(p.getMaxBatchSize()));
        DmicroProperties.Cors cors = p.getHttp().getCors();
        set("http.cors.allow-credentials", cors.isAllowCredentials(), () -> b.httpOptions(io.dmicro.drpc.proto.http.HttpOptions.DEFAULT.withCors(
                new io.dmicro.drpc.proto.http.CorsOptions(cors.getAllowedOrigins(), cors.getAllowedMethods(), cors.getAllowedHeaders(),
                        cors.getExposedHeaders(), cors.isAllowCredentials(), cors.getMaxAge()))));
        set("io-threads", p.getIoThreads(), () -> b.ioThreads(p.getIoThreads()));
        if (p.isReusePort()) {
            String reason = io.dmicro.drpc.transport.tcp.ReusePort.unavailabilityReason();
            if (reason != null) {
                throw new DmicroConfigurationException(PREFIX + "reuse-port", "true", reason,
                        "Run on Linux with io.netty:netty-transport-native-epoll (classifier linux-x86_64 or linux-aarch_64)"
                                + " on the classpath, or set dmicro.endpoint.reuse-port=false.");
            }
        }
        if (p.isReusePort() || p.isNativeTransport()) {
            b.socketOptions(io.dmicro.drpc.transport.SocketOptions.DEFAULT.withReusePort(p.isReusePort())
                    .withNativeTransport(p.isNativeTransport()));
        }
        if (p.getHeartbeat().getRate().isNegative() || p.getHeartbeat().getRate().isZero()) {
            throw new DmicroConfigurationException(PREFIX + "heartbeat.rate", String.valueOf(p.getHeartbeat().getRate()),
                    "must be positive", "Set a positive duration such as 10s.");
        }
        if (p.getDrainTimeout().isNegative()) {
            throw new DmicroConfigurationException(PREFIX + "drain-timeout", String.valueOf(p.getDrainTimeout()),
                    "must not be negative", "Set a positive duration such as 15s.");
        }
        for (int i = 0; i < p.getListen().size(); i++) {
            ListenUris.check(i, p.getListen().get(i));
        }
        if (!plugins.isEmpty()) {
            b.plugins(plugins.toArray(Plugin[]::new));
        }
        return b;
    }

    private static Codecs codecs(List<Codec> beans) {
        Codecs.Builder builder = Codecs.defaults().toBuilder();
        for (Codec c : beans) {
            // a bean replaces a built-in of the same name, so users can swap the json codec
            builder.remove(c.name());
            try {
                builder.add(c);
            } catch (IllegalArgumentException e) {
                throw new DmicroConfigurationException("Codec bean", c.name(), e.getMessage(), "Give each Codec bean its own id and name.", e);
            }
        }
        return builder.build();
    }

    private static TransferFilters filters(List<TransferFilter> beans) {
        TransferFilters.Builder builder = TransferFilters.defaults().toBuilder();
        for (TransferFilter f : beans) {
            builder.remove(f.name());
            try {
                builder.add(f);
            } catch (IllegalArgumentException e) {
                throw new DmicroConfigurationException("TransferFilter bean", f.name(), e.getMessage(),
                        "Give each TransferFilter bean its own id and name.", e);
            }
        }
        return builder.build();
    }

    /**
     * A Proto bean of that name, else the raw proto in the configured dialect, else a built-in known
     * to listen URIs ({@code erpc}, {@code json}, {@code protobuf}, {@code jsonrpc}, {@code http}).
     */
    private static Proto proto(DmicroProperties.Endpoint p, List<Proto> beans) {
        String name = p.getProto().trim().toLowerCase(Locale.ROOT);
        for (Proto proto : beans) {
            if (proto.name().equalsIgnoreCase(name)) {
                return proto;
            }
        }
        RawProto raw = new RawProto(p.getRawDialect());
        if (name.equals("raw")) {
            return raw;
        }
        BuiltInProtos known = BuiltInProtos.with(raw);
        if (known.names().contains(name)) {
            return known.require(name);
        }
        List<String> names = new ArrayList<>(known.names());
        beans.forEach(b -> names.add(b.name()));
        throw new DmicroConfigurationException(PREFIX + "proto", p.getProto(), "no proto has this name (known: " + String.join(", ", names) + ")",
                "Use one of the known protos, or register a Proto bean whose name() is this value.");
    }

    private static ServiceMethodMapper mapper(DmicroProperties.RouteMapper mapper) {
        return switch (mapper) {
            case HTTP -> ServiceMethodMapper.HTTP;
            case RPC -> ServiceMethodMapper.RPC;
        };
    }

    /** A size in bytes as the engine's int, refusing what an int cannot hold. */
    private static int bytes(String key, DataSize size) {
        long value = size.toBytes();
        if (value > Integer.MAX_VALUE) {
            throw new DmicroConfigurationException(PREFIX + key, size.toString(), "larger than " + Integer.MAX_VALUE + " bytes",
                    "Set at most 2047MB.");
        }
        return (int) value;
    }

    private static void set(String key, Object value, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new DmicroConfigurationException(PREFIX + key, String.valueOf(value), e.getMessage(), "Fix the value of " + PREFIX + key + ".", e);
        }
    }
}
