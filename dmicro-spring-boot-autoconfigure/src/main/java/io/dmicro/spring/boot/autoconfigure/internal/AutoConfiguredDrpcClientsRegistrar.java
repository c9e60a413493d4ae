package io.dmicro.spring.boot.autoconfigure.internal;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.type.AnnotationMetadata;

/** Scans the application's auto-configuration packages for {@code @DrpcClient} interfaces, as Spring Data does for repositories. */
public class AutoConfiguredDrpcClientsRegistrar extends DrpcClientsRegistrar implements BeanFactoryAware {

    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (AutoConfigurationPackages.has(beanFactory)) {
            scan(registry, AutoConfigurationPackages.get(beanFactory));
        }
    }
}
