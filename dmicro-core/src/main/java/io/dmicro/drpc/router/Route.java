package io.dmicro.drpc.router;

import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.PluginContainer;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A registered handler with its route-scoped plugins; what the engine invokes. */
public final class Route {

    /** Calls the user's handler; one implementation per handler shape. */
    @FunctionalInterface
    interface Invoker {
        @Nullable Object invoke(InboundContext ctx, @Nullable Object arg) throws Throwable;
    }

    private final String name;
    private final RouteKind kind;
    private final Type argType;
    private final boolean nonBlocking;
    private final PluginContainer plugins;
    private final Invoker invoker;
    private final Type replyType;
    private final List<MetaInfo> meta;

    Route(String name, RouteKind kind, Type argType, boolean nonBlocking, PluginContainer plugins, Invoker invoker) {
        this(name, kind, argType, nonBlocking, plugins, invoker,
                kind == RouteKind.CALL || kind == RouteKind.UNKNOWN_CALL ? Object.class : Void.class, List.of());
    }

    Route(String name, RouteKind kind, Type argType, boolean nonBlocking, PluginContainer plugins, Invoker invoker,
            Type replyType, List<MetaInfo> meta) {
        this.replyType = replyType;
        this.meta = List.copyOf(meta);
        this.name = name;
        this.kind = kind;
        this.argType = argType;
        this.nonBlocking = nonBlocking;
        this.plugins = plugins;
        this.invoker = invoker;
    }

    public String name() {
        return name;
    }

    public RouteKind kind() {
        return kind;
    }

    public Type argType() {
        return argType;
    }

    public boolean nonBlocking() {
        return nonBlocking;
    }

    public PluginContainer plugins() {
        return plugins;
    }

    /** Runs the handler; the result is the reply body or a {@code CompletionStage} of it. */
    public @Nullable Object invoke(InboundContext ctx, @Nullable Object arg) throws Throwable {
        return invoker.invoke(ctx, arg);
    }

    /** The type of a call's reply body: {@link Void} for none, {@link Object} when not known. */
    public Type replyType() {
        return replyType;
    }

    public RouteInfo info() {
        return new RouteInfo(name, kind, argType, nonBlocking, plugins.all().stream().map(Plugin::name).toList(), replyType, meta);
    }
}
