package io.dmicro.spring.boot.autoconfigure.client;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;

/** Makes one {@code @DrpcClient} interface an injectable bean, built by the context's {@link DrpcClientFactory}. */
public final class DrpcClientFactoryBean<T> implements FactoryBean<T>, BeanFactoryAware {

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
}
