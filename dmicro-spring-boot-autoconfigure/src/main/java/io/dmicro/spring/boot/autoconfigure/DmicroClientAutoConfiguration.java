package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.client.Breakers;
import io.dmicro.drpc.client.CallObserver;
import io.dmicro.selector.Selector;
import io.dmicro.spring.boot.autoconfigure.client.DrpcClientFactory;
import io.dmicro.spring.boot.autoconfigure.client.DrpcClientFactoryBean;
import io.dmicro.spring.boot.autoconfigure.internal.AutoConfiguredDrpcClientsRegistrar;
import io.dmicro.spring.boot.autoconfigure.internal.ClientPropertiesCheck;
import io.dmicro.spring.boot.autoconfigure.internal.DrpcClientsRegistrar;
import io.dmicro.spring.boot.autoconfigure.internal.TlsContextsFactory;
import io.dmicro.spring.boot.autoconfigure.internal.TlsFiles;
import io.dmicro.spring.boot.autoconfigure.client.ClientTls;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link DrpcClient} proxies over Spring Cloud discovery: the shared {@link DrpcClientFactory} and,
 * unless the application uses {@link EnableDrpcClients}, a scan of the auto-configuration packages
 * for client interfaces. A core {@link Selector} bean named {@code <service-id>LoadBalancer} replaces
 * the configured strategy for that service.
 */
@AutoConfiguration(after = DmicroAutoConfiguration.class)
@ConditionalOnClass(DiscoveryClient.class)
@ConditionalOnBean(Endpoint.class)
public final class DmicroClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DrpcClientFactory dmicroClientFactory(Endpoint endpoint, ObjectProvider<DiscoveryClient> discovery, DmicroProperties properties,
            TlsFiles tls, ObjectProvider<CallObserver> observer, ObjectProvider<Breakers> breakers, ListableBeanFactory beans,
            Environment environment) {
        ClientPropertiesCheck.check(properties.getClient());
        ClientTls clientTls = TlsContextsFactory.clientContext(properties, tls) ? new ClientTls(TlsContextsFactory.CLIENT) : ClientTls.DEFAULT;
        DrpcClientFactory factory = new DrpcClientFactory(endpoint, discovery::getObject, properties.getClient(), clientTls,
                observer.getIfAvailable(() -> CallObserver.NONE), id -> {
                    String name = id + "LoadBalancer";
                    return beans.containsBean(name) && beans.isTypeMatch(name, Selector.class)
                            ? beans.getBean(name, Selector.class) : null;
                });
        factory.placeholders(environment::resolveRequiredPlaceholders);
        Breakers circuitBreakers = breakers.getIfUnique();
        if (circuitBreakers != null && properties.getClient().getCircuitBreaker().isEnabled()) {
            factory.breakers(circuitBreakers);
        }
        factory.fallbackBeans(beans::getBean);
        return factory;
    }

    /**
     * Builds every {@link DrpcClient} proxy once the singletons exist (the definitions are lazy), so an
     * unsupported method fails start-up naming it, not the first injection or call.
     */
    @Bean
    static SmartInitializingSingleton dmicroClientCheck(ListableBeanFactory beans) {
        return () -> {
            for (String name : beans.getBeanNamesForType(DrpcClientFactoryBean.class, true, false)) {
                beans.getBean(name.startsWith("&") ? name.substring(1) : name);
            }
        };
    }

    /** Scans the application's packages unless {@link EnableDrpcClients} chose the clients. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(DrpcClientsRegistrar.ExplicitClients.class)
    @Import(AutoConfiguredDrpcClientsRegistrar.class)
    static class ScannedClients {
    }
}
