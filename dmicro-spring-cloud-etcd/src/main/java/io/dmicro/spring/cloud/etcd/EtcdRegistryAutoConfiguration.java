package io.dmicro.spring.cloud.etcd;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.router.RouteKind;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.discovery.DmicroDiscoveryAutoConfiguration;
import io.dmicro.spring.cloud.etcd.internal.RecordCodec;
import io.dmicro.spring.cloud.etcd.internal.RegistryCache;
import io.dmicro.spring.cloud.etcd.internal.RegistryLayout;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The etcd registry, on when this module is on the classpath ({@code dmicro.registry.etcd.enabled=false}
 * turns it off): a jetcd {@link Client}, a {@link EtcdServiceRegistry} with this application's
 * {@link EtcdRegistration} (which the drpc registry bridge registers once the endpoint listens), and
 * a watching {@link EtcdDiscoveryClient} for {@code @DrpcClient}s. Each bean steps back for the user's own.
 */
@AutoConfiguration(before = DmicroDiscoveryAutoConfiguration.class, after = DmicroAutoConfiguration.class)
@ConditionalOnClass(Client.class)
@ConditionalOnBooleanProperty(name = "dmicro.registry.etcd.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EtcdRegistryProperties.class)
public final class EtcdRegistryAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Client dmicroEtcdClient(EtcdRegistryProperties properties) {
        if (properties.getEndpoints().isEmpty()) {
            throw new IllegalArgumentException("dmicro.registry.etcd.endpoints must name at least one etcd URL");
        }
        ClientBuilder builder = Client.builder()
                .endpoints(properties.getEndpoints().stream().map(EtcdRegistryAutoConfiguration::url).toArray(String[]::new))
                .connectTimeout(properties.getTimeout());
        if (properties.getUsername() != null && !properties.getUsername().isBlank()) {
            builder.user(ByteSequence.from(properties.getUsername(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(properties.getPassword() == null ? "" : properties.getPassword(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** Go DMicro takes {@code host:port} (port 2379 when missing); jetcd wants a URL. */
    static String url(String endpoint) {
        String e = endpoint.trim();
        if (e.contains("://")) {
            return e;
        }
        boolean hasPort = e.startsWith("[") ? e.contains("]:") : e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':');
        return "http://" + (hasPort ? e : e + ":2379");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.enabled", matchIfMissing = true)
    static class Registry {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        EtcdServiceRegistry dmicroEtcdServiceRegistry(Client client, EtcdRegistryProperties properties, ObjectProvider<Endpoint> endpoint) {
            return new EtcdServiceRegistry(client, new RegistryLayout(properties.getPrefix()), new RecordCodec(), properties.getTtl(),
                    properties.getTimeout(), () -> routeNames(endpoint.getIfAvailable()));
        }

        @Bean
        @ConditionalOnMissingBean(Registration.class)
        @ConditionalOnBooleanProperty(name = "dmicro.registry.etcd.register", matchIfMissing = true)
        EtcdRegistration dmicroEtcdRegistration(EtcdRegistryProperties properties, Environment environment, ObjectProvider<InetUtils> inet) {
            String name = environment.getProperty("spring.application.name", "application");
            return new EtcdRegistration(name, properties.getVersion(), properties.getHost(), fallbackHost(inet.getIfAvailable()),
                    properties.getInstanceId(), properties.getMetadata());
        }

        private static List<String> routeNames(Endpoint endpoint) {
            if (endpoint == null) {
                return List.of();
            }
            return endpoint.router().routes().stream()
                    .filter(r -> r.kind() == RouteKind.CALL || r.kind() == RouteKind.PUSH)
                    .map(RouteInfo::name)
                    .sorted()
                    .toList();
        }

        private static String fallbackHost(InetUtils inet) {
            if (inet != null) {
                return inet.findFirstNonLoopbackHostInfo().getIpAddress();
            }
            try {
                return InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                return "127.0.0.1";
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnDiscoveryEnabled
    @ConditionalOnBlockingDiscoveryEnabled
    static class Discovery {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(EtcdDiscoveryClient.class)
        EtcdDiscoveryClient dmicroEtcdDiscoveryClient(Client client, EtcdRegistryProperties properties) {
            RegistryLayout layout = new RegistryLayout(properties.getPrefix());
            return new EtcdDiscoveryClient(new RegistryCache(client, layout, new RecordCodec(), properties.getTimeout()), layout,
                    DiscoveryClient.DEFAULT_ORDER);
        }
    }
}
