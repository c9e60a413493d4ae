package io.dmicro.spring.boot.autoconfigure.discovery;

import io.dmicro.drpc.Endpoint;
import io.dmicro.spring.boot.autoconfigure.DmicroAutoConfiguration;
import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import io.dmicro.spring.boot.autoconfigure.internal.ListenUris;
import io.dmicro.spring.boot.autoconfigure.internal.TlsFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The registry bridge, present whenever Spring Cloud's registry API is on the classpath; it acts only
 * if the context holds a {@link ServiceRegistry} and a {@link Registration} when the endpoint starts.
 */
@AutoConfiguration(after = DmicroAutoConfiguration.class)
@ConditionalOnClass(ServiceRegistry.class)
@ConditionalOnBean(Endpoint.class)
@ConditionalOnBooleanProperty(name = "dmicro.discovery.register", matchIfMissing = true)
public final class DmicroDiscoveryAutoConfiguration {

    private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings({"unchecked", "rawtypes"})
    RegistryBridge dmicroRegistryBridge(ObjectProvider<ServiceRegistry> registry, ObjectProvider<Registration> registration,
            DmicroProperties properties, TlsFiles tls, ApplicationContext context) {
        return new RegistryBridge(() -> registry.getIfUnique(), registration::getIfUnique,
                ListenUris.effective(properties.getEndpoint().getListen(), tls), tls.enabled(), !registersWithWebServer(context));
    }

    /**
     * Whether Spring Cloud's auto-registration registers this application when its web server starts:
     * only in a web server context, and only if the registry provides an auto-registration (the etcd
     * registry does not: the bridge registers there in every context).
     */
    static boolean registersWithWebServer(ApplicationContext context) {
        return isWebServer(context) && context.getBeanNamesForType(AutoServiceRegistration.class, false, false).length > 0;
    }

    /** Whether the context runs a web server. */
    static boolean isWebServer(ApplicationContext context) {
        if (!ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())) {
            return false;
        }
        return ClassUtils.resolveClassName(WEB_SERVER_CONTEXT, context.getClassLoader()).isInstance(context);
    }
}
