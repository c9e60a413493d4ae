package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.proto.Proto;
import io.dmicro.spring.boot.autoconfigure.internal.DrpcServiceRegistrar;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointConfigFactory;
import io.dmicro.spring.boot.autoconfigure.internal.EndpointLifecycle;
import io.dmicro.spring.boot.autoconfigure.internal.ListenUris;
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
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The drpc {@link Endpoint} as a bean: configured from {@code dmicro.endpoint.*} and the
 * application's Codec, TransferFilter, Proto and Plugin beans (in {@code @Order}), then the
 * {@link EndpointCustomizer}s; started and stopped with the context by {@link EndpointLifecycle};
 * {@link DrpcService} and {@link DrpcPushService} beans routed. Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "dmicro.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DmicroProperties.class)
public class DmicroAutoConfiguration {

    /** Spring Boot's default for spring.lifecycle.timeout-per-shutdown-phase. */
    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    public EndpointConfig dmicroEndpointConfig(DmicroProperties properties, ObjectProvider<Codec> codecs,
            ObjectProvider<TransferFilter> filters, ObjectProvider<Proto> protos, ObjectProvider<Plugin> plugins,
            ObjectProvider<EndpointCustomizer> customizers) {
        EndpointConfig.Builder builder = EndpointConfigFactory.builder(properties.getEndpoint(), codecs.orderedStream().toList(),
                filters.orderedStream().toList(), protos.orderedStream().toList(), plugins.orderedStream().toList());
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** {@code dmicro.endpoint.tls.*} checked and resolved to files, for the listeners and for @DrpcClient dials. */
    @Bean
    @ConditionalOnMissingBean
    TlsFiles dmicroTlsFiles(DmicroProperties properties, ResourceLoader resourceLoader) {
        return TlsFiles.resolve(properties.getEndpoint().getTls(), resourceLoader);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Endpoint dmicroEndpoint(EndpointConfig config) {
        return Endpoint.create(config);
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

    @Bean
    @ConditionalOnMissingBean
    DrpcServiceRegistrar dmicroServiceRegistrar(ListableBeanFactory beans, Endpoint endpoint) {
        return new DrpcServiceRegistrar(beans, endpoint);
    }

    /** The drain bound: the configured one, but leaving Spring's shutdown phase a second to spare. */
    static Duration drainTimeout(DmicroProperties properties, Duration phaseTimeout) {
        Duration configured = properties.getEndpoint().getDrainTimeout();
        Duration ceiling = phaseTimeout.compareTo(Duration.ofSeconds(2)) > 0 ? phaseTimeout.minusSeconds(1) : phaseTimeout;
        return configured.compareTo(ceiling) > 0 ? ceiling : configured;
    }
}
