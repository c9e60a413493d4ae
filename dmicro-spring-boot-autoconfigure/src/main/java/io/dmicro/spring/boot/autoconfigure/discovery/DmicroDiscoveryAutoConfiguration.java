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
public class DmicroDiscoveryAutoConfiguration {

    private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings({"unchecked", "rawtypes"})
    RegistryBridge dmicroRegistryBridge(ObjectProvider<ServiceRegistry> registry, ObjectProvider<Registration> registration,
            DmicroProperties properties, TlsFiles tls, ApplicationContext context) {
        return new RegistryBridge(() -> registry.getIfUnique(), registration::getIfUnique,
                ListenUris.effective(properties.getEndpoint().getListen(), tls), tls.enabled(), !isWebServer(context));
    }

    /** A web server context registers through Spring Cloud's auto-registration when the server starts; any other does not. */
    static boolean isWebServer(ApplicationContext context) {
        if (!ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())) {
            return false;
        }
        return ClassUtils.resolveClassName(WEB_SERVER_CONTEXT, context.getClassLoader()).isInstance(context);
    }
}
