package io.dmicro.spring.boot.autoconfigure.aot;

import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.DrpcPushService;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs for drpc beans, found when the application is processed ahead of time:
 * a JDK proxy, method reflection and binding hints for every {@link DrpcClient} interface, and method
 * invocation plus binding hints for every {@link DrpcService} and {@link DrpcPushService} class. The
 * router invokes handler methods reflectively and the JSON codec binds their arguments and replies
 * (records, beans, collections of them) reflectively, which a closed world must be told about; a
 * {@code Mono}, {@code CompletableFuture} or {@code CompletionStage} stands for the type it carries.
 */
public final class DrpcBeansAotProcessor implements BeanFactoryInitializationAotProcessor {

    private static final Set<String> WRAPPERS = Set.of("reactor.core.publisher.Mono", "java.util.concurrent.CompletableFuture",
            CompletionStage.class.getName());

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> clients = new LinkedHashSet<>();
        Set<Class<?>> services = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type == null) {
                continue;
            }
            Class<?> user = ClassUtils.getUserClass(type);
            if (user.isInterface() && AnnotatedElementUtils.hasAnnotation(user, DrpcClient.class)) {
                clients.add(user);
            } else if (AnnotatedElementUtils.hasAnnotation(user, DrpcService.class)
                    || AnnotatedElementUtils.hasAnnotation(user, DrpcPushService.class)) {
                services.add(user);
            }
        }
        if (clients.isEmpty() && services.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> register(generationContext.getRuntimeHints(), clients, services);
    }

    static void register(RuntimeHints hints, Set<Class<?>> clients, Set<Class<?>> services) {
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        for (Class<?> client : clients) {
            hints.proxies().registerJdkProxy(client);
            hints.reflection().registerType(client, MemberCategory.INVOKE_PUBLIC_METHODS);
            bindSignatures(hints, binding, client);
        }
        for (Class<?> service : services) {
            hints.reflection().registerType(service, MemberCategory.INVOKE_PUBLIC_METHODS);
            bindSignatures(hints, binding, service);
        }
    }

    private static void bindSignatures(RuntimeHints hints, BindingReflectionHintsRegistrar binding, Class<?> type) {
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class
                    || m.getDeclaringClass().getName().startsWith("org.springframework.")) {
                continue;
            }
            for (Type p : m.getGenericParameterTypes()) {
                bind(hints, binding, p);
            }
            bind(hints, binding, m.getGenericReturnType());
        }
    }

    private static void bind(RuntimeHints hints, BindingReflectionHintsRegistrar binding, Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && WRAPPERS.contains(raw.getName())) {
            bind(hints, binding, p.getActualTypeArguments()[0]);
            return;
        }
        if (type instanceof Class<?> c && (c.isPrimitive() || c == void.class || c.getName().startsWith("java.")
                || c.getName().startsWith("io.dmicro.drpc."))) {
            return; // JDK types and the engine's own contexts and options need no binding hints
        }
        binding.registerReflectionHints(hints.reflection(), type);
    }
}
