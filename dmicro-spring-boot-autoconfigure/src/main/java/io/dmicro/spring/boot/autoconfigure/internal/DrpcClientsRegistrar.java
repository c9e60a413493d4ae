package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.EnableDrpcClients;
import io.dmicro.spring.boot.autoconfigure.client.DrpcClientFactoryBean;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers a {@link DrpcClientFactoryBean} for each {@link DrpcClient} interface named or found by
 * {@link EnableDrpcClients}, the way {@code @EnableFeignClients} does. It also registers a marker so
 * that the auto-configuration's own scan of the application packages backs off.
 */
public class DrpcClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware {

    /** Present when the application chose its clients with {@link EnableDrpcClients}. */
    public static final class ExplicitClients {
    }

    private Environment environment;
    private ResourceLoader resourceLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Object> attrs = metadata.getAnnotationAttributes(EnableDrpcClients.class.getName());
        if (attrs == null) {
            return;
        }
        registry.registerBeanDefinition(ExplicitClients.class.getName(), new RootBeanDefinition(ExplicitClients.class));
        Set<String> packages = new LinkedHashSet<>(List.of((String[]) attrs.get("basePackages")));
        for (Class<?> c : (Class<?>[]) attrs.get("basePackageClasses")) {
            packages.add(ClassUtils.getPackageName(c));
        }
        Class<?>[] clients = (Class<?>[]) attrs.get("clients");
        if (packages.isEmpty() && clients.length == 0) {
            packages.add(ClassUtils.getPackageName(metadata.getClassName()));
        }
        for (Class<?> c : clients) {
            register(registry, c.getName());
        }
        scan(registry, packages);
    }

    /** Registers every {@link DrpcClient} interface under {@code packages}. */
    void scan(BeanDefinitionRegistry registry, Iterable<String> packages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false, environment) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
            }
        };
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(DrpcClient.class));
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                register(registry, candidate.getBeanClassName());
            }
        }
    }

    private void register(BeanDefinitionRegistry registry, String className) {
        if (registry.containsBeanDefinition(className)) {
            return;
        }
        Class<?> type = ClassUtils.resolveClassName(className, resourceLoader.getClassLoader());
        RootBeanDefinition definition = new RootBeanDefinition(DrpcClientFactoryBean.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
        definition.setTargetType(ResolvableType.forClassWithGenerics(DrpcClientFactoryBean.class, type));
        definition.setAttribute("factoryBeanObjectType", type);
        definition.setLazyInit(true);
        io.dmicro.spring.boot.autoconfigure.DrpcClient client = org.springframework.core.annotation.AnnotatedElementUtils
                .findMergedAnnotation(type, io.dmicro.spring.boot.autoconfigure.DrpcClient.class);
        if (client != null && client.fallback() != void.class) {
            // the fallback bean implements the interface too: injection of the interface means the client
            definition.setPrimary(true);
        }
        registry.registerBeanDefinition(className, definition);
    }
}
