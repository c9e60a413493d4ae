package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.describe.DescribeRoute;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPing;
import io.dmicro.drpc.plugin.heartbeat.HeartbeatPong;
import io.dmicro.drpc.plugin.overload.OverloadProtection;
import io.dmicro.spring.boot.autoconfigure.internal.OverloadLimitsProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.spring.boot.autoconfigure.internal.DrpcServiceRegistrar;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointConfigFactory;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle;
import io.dmicro.spring.boot.autoconfigure.internal.ListenUris;
import io.dmicro.spring.boot.autoconfigure.internal.LocalAddressesPublisher;
import io.dmicro.spring.boot.autoconfigure.internal.TlsContextsFactory;
import io.dmicro.spring.boot.autoconfigure.internal.TlsFiles;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The drpc {@link Endpoint} as a bean: configured from {@code dmicro.endpoint.*} and the
 * application's Codec, TransferFilter, Proto and Plugin beans (in {@code @Order}), then the
 * {@link EndpointCustomizer}s; started and stopped with the context by {@link EndpointLifecycle};
 * {@link DrpcService} and {@link DrpcPushService} beans routed. Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "dmicro.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DmicroProperties.class)
public final class DmicroAutoConfiguration {

    /** Spring Boot's default for spring.lifecycle.timeout-per-shutdown-phase. */
    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    EndpointConfig dmicroEndpointConfig(DmicroProperties properties, ObjectProvider<Codec> codecs,
            ObjectProvider<TransferFilter> filters, ObjectProvider<Proto> protos, ObjectProvider<Plugin> plugins,
            ObjectProvider<EndpointCustomizer> customizers, Environment environment, TlsFiles tls, ObjectProvider<SslBundles> sslBundles) {
        EndpointConfig.Builder builder = EndpointConfigFactory.builder(properties.getEndpoint(), codecs.orderedStream().toList(),
                filters.orderedStream().toList(), protos.orderedStream().toList(), plugins.orderedStream().toList());
        // handlers follow spring.threads.virtual.enabled (false by default), as Boot's own executors do
        builder.virtualThreads(Threading.VIRTUAL.isActive(environment));
        TlsContextsFactory.register(builder, properties, tls, sslBundles.getIfAvailable());
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** {@code dmicro.endpoint.tls.*} checked and resolved to files, for the listeners and for @DrpcClient dials. */
    @Bean
    @ConditionalOnMissingBean
    TlsFiles dmicroTlsFiles(DmicroProperties properties, ResourceLoader resourceLoader) {
        TlsFiles files = TlsFiles.resolve(properties.getEndpoint().getTls(), resourceLoader);
        return properties.getEndpoint().getSsl().getBundle() != null ? files.withServerTls() : files;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Endpoint dmicroEndpoint(EndpointConfig config, DmicroProperties properties) {
        Endpoint endpoint = Endpoint.create(config);
        if (properties.getEndpoint().getDescribe().isEnabled()) {
            DescribeRoute.install(endpoint.router());
        }
        return endpoint;
    }

    @Bean
    @ConditionalOnMissingBean
    EndpointLifecycle dmicroEndpointLifecycle(Endpoint endpoint, DmicroProperties properties, TlsFiles tls,
            Environment environment, ObjectProvider<EndpointLifecycleListener> listeners) {
        Duration phase = Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_PHASE_TIMEOUT);
        List<String> listen = properties.getEndpoint().getListen();
        return new EndpointLifecycle(endpoint, listen, ListenUris.effective(listen, tls), drainTimeout(properties, phase),
                listeners.orderedStream().toList());
    }

    /** {@code local.dmicro.port} and {@code local.dmicro.uris} in the Environment once the endpoint listens. */
    @Bean
    @ConditionalOnMissingBean
    LocalAddressesPublisher dmicroLocalAddressesPublisher(ConfigurableEnvironment environment, DmicroProperties properties,
            TlsFiles tls) {
        return new LocalAddressesPublisher(environment, ListenUris.effective(properties.getEndpoint().getListen(), tls));
    }

    @Bean
    @ConditionalOnMissingBean
    DrpcServiceRegistrar dmicroServiceRegistrar(ListableBeanFactory beans, Endpoint endpoint) {
        return new DrpcServiceRegistrar(beans, endpoint);
    }

    /** {@code dmicro.endpoint.overload.*}: the overload protection plugin, first in the chain so that refused work costs least. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("dmicro.endpoint.overload.enabled")
    static class OverloadConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        OverloadProtection dmicroOverloadProtection(DmicroProperties properties) {
            return new OverloadProtection(OverloadLimitsProperties.limits(properties.getEndpoint().getOverload()));
        }
    }

    /** {@code dmicro.endpoint.heartbeat.ping}: pings quiet sessions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("dmicro.endpoint.heartbeat.ping")
    static class HeartbeatPingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        HeartbeatPing dmicroHeartbeatPing(DmicroProperties properties) {
            DmicroProperties.Heartbeat h = properties.getEndpoint().getHeartbeat();
            return new HeartbeatPing(h.getRate(), h.getMode() == DmicroProperties.HeartbeatMode.CALL
                    ? HeartbeatPing.Mode.CALL : HeartbeatPing.Mode.PUSH);
        }
    }

    /** {@code dmicro.endpoint.heartbeat.pong}: answers peers' pings and closes silent sessions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("dmicro.endpoint.heartbeat.pong")
    static class HeartbeatPongConfiguration {

        @Bean
        @ConditionalOnMissingBean
        HeartbeatPong dmicroHeartbeatPong() {
            return new HeartbeatPong();
        }
    }

    /** The drain bound: the configured one, but leaving Spring's shutdown phase a second to spare. */
    static Duration drainTimeout(DmicroProperties properties, Duration phaseTimeout) {
        Duration configured = properties.getEndpoint().getDrainTimeout();
        Duration ceiling = phaseTimeout.compareTo(Duration.ofSeconds(2)) > 0 ? phaseTimeout.minusSeconds(1) : phaseTimeout;
        return configured.compareTo(ceiling) > 0 ? ceiling : configured;
    }
}
