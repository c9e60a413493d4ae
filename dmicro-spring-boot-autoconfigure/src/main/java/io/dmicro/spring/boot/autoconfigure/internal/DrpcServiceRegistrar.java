package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.router.BindableService;
import io.dmicro.drpc.router.Router;
import io.dmicro.spring.boot.autoconfigure.DrpcPushService;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Routes every {@link DrpcService} and {@link DrpcPushService} bean once all singletons exist, before the endpoint listens.
 * A {@link BindableService} bean (generated from a .proto) names its own routes.
 */
public final class DrpcServiceRegistrar implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DrpcServiceRegistrar.class);

    private final ListableBeanFactory beans;
    private final Endpoint endpoint;

    public DrpcServiceRegistrar(ListableBeanFactory beans, Endpoint endpoint) {
        this.beans = beans;
        this.endpoint = endpoint;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Router router = endpoint.router();
        for (Map.Entry<String, Object> e : beans.getBeansWithAnnotation(DrpcService.class).entrySet()) {
            Class<?> type = AopUtils.getTargetClass(e.getValue());
            DrpcService a = AnnotatedElementUtils.findMergedAnnotation(type, DrpcService.class);
            if (e.getValue() instanceof BindableService bindable) {
                if (a != null && !a.value().isEmpty()) {
                    throw new IllegalStateException("@DrpcService(\"" + a.value() + "\") on bean " + e.getKey() + ": a "
                            + BindableService.class.getSimpleName() + " names its own routes (from its .proto); remove the value");
                }
                log.debug("bean {} routed as calls {}", e.getKey(), bindable.bindTo(router));
                continue;
            }
            String service = a == null || a.value().isEmpty() ? Router.serviceName(type) : a.value();
            List<String> routes = router.routeCall(service, e.getValue());
            log.debug("bean {} routed as calls {}", e.getKey(), routes);
        }
        for (Map.Entry<String, Object> e : beans.getBeansWithAnnotation(DrpcPushService.class).entrySet()) {
            Class<?> type = AopUtils.getTargetClass(e.getValue());
            DrpcPushService a = AnnotatedElementUtils.findMergedAnnotation(type, DrpcPushService.class);
            String service = a == null || a.value().isEmpty() ? Router.serviceName(type) : a.value();
            List<String> routes = router.routePush(service, e.getValue());
            log.debug("bean {} routed as pushes {}", e.getKey(), routes);
        }
    }
}
