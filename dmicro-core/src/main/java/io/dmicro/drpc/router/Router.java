package io.dmicro.drpc.router;

import io.dmicro.drpc.plugin.Hooks;
import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.PluginContainer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The routes of an endpoint: service methods mapped to handlers, with route-scoped plugins.
 *
 * <p>Object routes come from a service's public methods: {@code MathService.addOne} registered with
 * {@link #routeCall(Object, Plugin...)} is {@code /math/add_one} (the class's simple name less a
 * trailing {@code Impl} and then {@code Service}, then the method's name, each through the
 * {@link ServiceMethodMapper}). A method may take {@code ()}, {@code (arg)}, {@code (ctx)} or
 * {@code (ctx, arg)} where ctx is a {@link CallContext} or {@link PushContext}. Function routes take
 * an explicit name, used as written under the prefix. {@link #subRoute} gives a view that prefixes names and adds plugins. Registering
 * a name twice throws {@link IllegalArgumentException}.
 */
public final class Router {

    private final Map<String, Route> routes;
    private final AtomicReference<@Nullable Route> unknownCall;
    private final AtomicReference<@Nullable Route> unknownPush;
    private final String prefix;
    private final PluginContainer plugins;
    private final ServiceMethodMapper mapper;

    public Router(PluginContainer plugins, ServiceMethodMapper mapper) {
        this(new ConcurrentHashMap<>(), new AtomicReference<>(), new AtomicReference<>(), "", plugins, mapper);
    }

    private Router(Map<String, Route> routes, AtomicReference<@Nullable Route> unknownCall,
            AtomicReference<@Nullable Route> unknownPush, String prefix, PluginContainer plugins, ServiceMethodMapper mapper) {
        this.routes = routes;
        this.unknownCall = unknownCall;
        this.unknownPush = unknownPush;
        this.prefix = prefix;
        this.plugins = plugins;
        this.mapper = mapper;
    }

    /** A view whose routes are under {@code prefix} (taken as given) and run {@code plugins} too. */
    public Router subRoute(String subPrefix, Plugin... routePlugins) {
        String joined = prefix.isEmpty() ? subPrefix : prefix + "/" + subPrefix;
        return new Router(routes, unknownCall, unknownPush, joined, plugins.newChild(List.of(routePlugins)), mapper);
    }

    /** Routes every public method of {@code service} as a call route; returns the names. */
    public List<String> routeCall(Object service, Plugin... routePlugins) {
        return routeObject(serviceName(service.getClass()), service, RouteKind.CALL, List.of(routePlugins));
    }

    /** Like {@link #routeCall(Object, Plugin...)} with an explicit service name in place of the class's. */
    public List<String> routeCall(String serviceName, Object service, Plugin... routePlugins) {
        return routeObject(serviceName, service, RouteKind.CALL, List.of(routePlugins));
    }

    public List<String> routePush(Object service, Plugin... routePlugins) {
        return routeObject(serviceName(service.getClass()), service, RouteKind.PUSH, List.of(routePlugins));
    }

    public List<String> routePush(String serviceName, Object service, Plugin... routePlugins) {
        return routeObject(serviceName, service, RouteKind.PUSH, List.of(routePlugins));
    }

    public <A> String routeCallFunc(String name, Class<A> argType, CallHandler<A> handler) {
        return routeCallFunc(name, argType, handler, RouteOptions.DEFAULT);
    }

    public <A> String routeCallFunc(String name, Class<A> argType, CallHandler<A> handler, RouteOptions options) {
        return routeCallFunc(name, argType, Object.class, handler, options);
    }

    /**
     * A call route whose reply type is declared, so route descriptions and OpenAPI can show the
     * reply's schema ({@code Object.class} when it is not known, {@code Void.class} for none).
     */
    @SuppressWarnings("unchecked")
    public <A> String routeCallFunc(String name, Class<A> argType, java.lang.reflect.Type replyType, CallHandler<A> handler,
            RouteOptions options) {
        String route = literal(name);
        register(route, RouteKind.CALL, argType, replyType, List.of(), options,
                (ctx, arg) -> handler.handle((CallContext) ctx, (A) arg));
        return route;
    }

    public <A> String routePushFunc(String name, Class<A> argType, PushHandler<A> handler) {
        return routePushFunc(name, argType, handler, RouteOptions.DEFAULT);
    }

    @SuppressWarnings("unchecked")
    public <A> String routePushFunc(String name, Class<A> argType, PushHandler<A> handler, RouteOptions options) {
        String route = literal(name);
        register(route, RouteKind.PUSH, argType, options, (ctx, arg) -> {
            handler.handle((PushContext) ctx, (A) arg);
            return null;
        });
        return route;
    }

    /**
     * A function route's explicit name, taken as written and joined to the prefix: {@code /a/b}
     * style with the default mapper ({@code "/mul_async"} stays {@code /mul_async}), {@code a.b}
     * with the RPC mapper.
     */
    private String literal(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("route name must not be empty");
        }
        if (mapper == ServiceMethodMapper.RPC) {
            return prefix.isEmpty() ? name : prefix + "." + name;
        }
        StringBuilder out = new StringBuilder();
        for (String part : (prefix + "/" + name).split("/")) {
            if (!part.isEmpty()) {
                out.append('/').append(part);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** Answers calls to unknown routes; the body arrives as raw bytes. Replaces an earlier one. */
    public void setUnknownCall(CallHandler<byte[]> handler, Plugin... routePlugins) {
        unknownCall.set(new Route("", RouteKind.UNKNOWN_CALL, byte[].class, false, plugins.newChild(List.of(routePlugins)),
                (ctx, arg) -> handler.handle((CallContext) ctx, (byte[]) arg)));
    }

    /** Handles pushes to unknown routes; the body arrives as raw bytes. Replaces an earlier one. */
    public void setUnknownPush(PushHandler<byte[]> handler, Plugin... routePlugins) {
        unknownPush.set(new Route("", RouteKind.UNKNOWN_PUSH, byte[].class, false, plugins.newChild(List.of(routePlugins)),
                (ctx, arg) -> {
                    handler.handle((PushContext) ctx, (byte[]) arg);
                    return null;
                }));
    }

    /** The route for a service method, or null. */
    public @Nullable Route lookup(String serviceMethod) {
        return routes.get(serviceMethod);
    }

    public @Nullable Route unknownCall() {
        return unknownCall.get();
    }

    public @Nullable Route unknownPush() {
        return unknownPush.get();
    }

    /** Every registered route, unknown handlers included. */
    public Collection<RouteInfo> routes() {
        List<RouteInfo> out = new ArrayList<>();
        routes.values().forEach(r -> out.add(r.info()));
        Route uc = unknownCall.get();
        if (uc != null) {
            out.add(uc.info());
        }
        Route up = unknownPush.get();
        if (up != null) {
            out.add(up.info());
        }
        out.sort(java.util.Comparator.comparing(RouteInfo::name).thenComparing(RouteInfo::kind));
        return out;
    }

    public ServiceMethodMapper mapper() {
        return mapper;
    }

    /**
     * The service part of an object route's name: the user class's simple name without a trailing
     * {@code Impl}, then without a trailing {@code Service}; {@code MathServiceImpl} → {@code Math}.
     */
    public static String serviceName(Class<?> type) {
        Class<?> user = type;
        while (user.getName().contains("$$") && user.getSuperclass() != null) {
            user = user.getSuperclass(); // a generated proxy subclass (CGLIB): name the user's class
        }
        String name = user.getSimpleName();
        name = stripSuffix(name, "Impl");
        return stripSuffix(name, "Service");
    }

    private static String stripSuffix(String name, String suffix) {
        return name.endsWith(suffix) && name.length() > suffix.length() ? name.substring(0, name.length() - suffix.length()) : name;
    }

    private List<String> routeObject(String serviceName, Object service, RouteKind kind, List<Plugin> routePlugins) {
        Router scoped = routePlugins.isEmpty() ? this : new Router(routes, unknownCall, unknownPush, prefix,
                plugins.newChild(routePlugins), mapper);
        String servicePrefix = mapper.map(prefix, serviceName);
        List<MethodRoutes.Candidate> candidates = MethodRoutes.candidates(service, kind);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(service.getClass().getName() + " has no public method to route as " + kind);
        }
        List<String> names = new ArrayList<>();
        for (MethodRoutes.Candidate c : candidates) {
            String route = mapper.map(servicePrefix, c.method().getName());
            boolean nonBlocking = c.method().isAnnotationPresent(NonBlocking.class)
                    || c.method().getDeclaringClass().isAnnotationPresent(NonBlocking.class);
            scoped.register(route, kind, c.argType(), kind == RouteKind.CALL ? c.replyType() : Void.class, c.meta(),
                    new RouteOptions(nonBlocking, List.of()), c.invoker());
            names.add(route);
        }
        return names;
    }

    private void register(String name, RouteKind kind, java.lang.reflect.Type argType, RouteOptions options, Route.Invoker invoker) {
        register(name, kind, argType, kind == RouteKind.CALL ? Object.class : Void.class, List.of(), options, invoker);
    }

    private void register(String name, RouteKind kind, java.lang.reflect.Type argType, java.lang.reflect.Type replyType,
            List<MetaInfo> meta, RouteOptions options, Route.Invoker invoker) {
        PluginContainer routeContainer = options.plugins().isEmpty() ? plugins : plugins.newChild(options.plugins());
        Route route = new Route(name, kind, argType, options.nonBlocking(), routeContainer, invoker, replyType, meta);
        Route existing = routes.putIfAbsent(name, route);
        if (existing != null) {
            throw new IllegalArgumentException("there is a handler conflict: route " + name + " is already registered as " + existing.kind());
        }
        try {
            Hooks.setUp(routeContainer, AfterRegRouter.class, h -> h.afterRegRouter(route.info()));
        } catch (RuntimeException e) {
            routes.remove(name, route);
            throw e;
        }
    }

    static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
