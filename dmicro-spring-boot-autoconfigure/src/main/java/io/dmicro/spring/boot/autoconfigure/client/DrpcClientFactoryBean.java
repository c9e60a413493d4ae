package io.dmicro.spring.boot.autoconfigure.client;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartFactoryBean;

/**
 * Makes one {@code @DrpcClient} interface an injectable bean, built by the context's {@link DrpcClientFactory}.
 * Built eagerly, so an unsupported method fails start-up even when nothing injects the client yet.
 */
public final class DrpcClientFactoryBean<T> implements SmartFactoryBean<T>, BeanFactoryAware {

    private final Class<T> type;
    private BeanFactory beanFactory;

    public DrpcClientFactoryBean(Class<T> type) {
        this.type = type;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public T getObject() {
        return beanFactory.getBean(DrpcClientFactory.class).create(type);
    }

    @Override
    public Class<T> getObjectType() {
        return type;
    }

    @Override
    public boolean isEagerInit() {
        return true;
    }
}
