package io.dmicro.drpc.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The ordered plugins of an endpoint or of one route (reference §2.1).
 *
 * <p>The endpoint's container is three lists, left + middle + right, run in that order:
 * {@link #appendLeft} prepends to the left list, {@link #appendRight} appends to the right one. A
 * route's container is a child whose middle is its parent's middle plus the route's own plugins;
 * later changes to the endpoint's left and right lists reach every route. A null plugin or a
 * duplicate name is rejected with an exception naming it.
 */
public final class PluginContainer {

    private final @Nullable PluginContainer parent;
    private final List<Plugin> left = new ArrayList<>();
    private final List<Plugin> middle = new ArrayList<>();
    private final List<Plugin> right = new ArrayList<>();
    private volatile @Nullable Snapshot snapshot;
    private volatile int parentVersion = -1;
    private volatile int version;

    public PluginContainer() {
        this.parent = null;
    }

    private PluginContainer(PluginContainer parent, List<Plugin> routePlugins) {
        this.parent = parent;
        synchronized (parent) {
            this.middle.addAll(parent.middle);
        }
        for (Plugin p : routePlugins) {
            add(middle, p, false);
        }
    }

    /** A route-scoped child: this container's middle plus {@code routePlugins}. */
    public PluginContainer newChild(List<? extends Plugin> routePlugins) {
        return new PluginContainer(this, List.copyOf(routePlugins));
    }

    /** Adds plugins in front of the left list, keeping their given order. */
    public PluginContainer appendLeft(Plugin... plugins) {
        checkRoot();
        synchronized (this) {
            List<Plugin> added = new ArrayList<>();
            for (Plugin p : plugins) {
                checkNew(p, added);
                added.add(p);
            }
            left.addAll(0, added);
            changed();
        }
        return this;
    }

    /** Adds plugins at the end of the right list. */
    public PluginContainer appendRight(Plugin... plugins) {
        checkRoot();
        synchronized (this) {
            for (Plugin p : plugins) {
                add(right, p, true);
            }
        }
        return this;
    }

    /** Removes the plugin with this name; returns whether one was there. */
    public boolean remove(String name) {
        synchronized (this) {
            boolean removed = left.removeIf(p -> p.name().equals(name))
                    | middle.removeIf(p -> p.name().equals(name))
                    | right.removeIf(p -> p.name().equals(name));
            if (removed) {
                changed();
            }
            return removed;
        }
    }

    public @Nullable Plugin get(String name) {
        for (Plugin p : all()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Every plugin in run order. */
    public List<Plugin> all() {
        return snapshot().all;
    }

    /** The plugins that implement {@code hook}, in run order. */
    @SuppressWarnings("unchecked")
    public <H> List<H> hooks(Class<H> hook) {
        // on every message, several times: an array slot per hook type, not a map lookup
        Snapshot s = snapshot();
        if (s.empty) {
            return List.of();
        }
        int index = HOOK_INDEX.get(hook);
        if (index >= s.byHook.length) {
            return (List<H>) filter(s.all, hook);
        }
        List<?> cached = s.byHook[index];
        if (cached == null) {
            cached = filter(s.all, hook);
            s.byHook[index] = cached; // a benign race: every writer stores an equal immutable list
        }
        return (List<H>) cached;
    }

    private static List<?> filter(List<Plugin> plugins, Class<?> hook) {
        List<Object> out = new ArrayList<>();
        for (Plugin p : plugins) {
            if (hook.isInstance(p)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_HOOK_INDEX = new java.util.concurrent.atomic.AtomicInteger();
    private static final ClassValue<Integer> HOOK_INDEX = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return NEXT_HOOK_INDEX.getAndIncrement();
        }
    };

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s != null && (parent == null || parentVersion == parent.version)) {
            return s;
        }
        synchronized (this) {
            List<Plugin> flat = new ArrayList<>();
            if (parent == null) {
                flat.addAll(left);
                flat.addAll(middle);
                flat.addAll(right);
            } else {
                int v;
                synchronized (parent) {
                    v = parent.version;
                    flat.addAll(parent.left);
                    flat.addAll(middle);
                    flat.addAll(parent.right);
                }
                parentVersion = v;
            }
            s = new Snapshot(Collections.unmodifiableList(flat));
            snapshot = s;
            return s;
        }
    }

    private void add(List<Plugin> list, Plugin plugin, boolean notify) {
        synchronized (this) {
            checkNew(plugin, List.of());
            list.add(plugin);
            if (notify) {
                changed();
            }
        }
    }

    private void checkNew(@Nullable Plugin plugin, List<Plugin> pending) {
        Objects.requireNonNull(plugin, "plugin must not be null");
        String name = plugin.name();
        boolean taken = pending.stream().anyMatch(p -> p.name().equals(name))
                || left.stream().anyMatch(p -> p.name().equals(name))
                || middle.stream().anyMatch(p -> p.name().equals(name))
                || right.stream().anyMatch(p -> p.name().equals(name))
                || (parent != null && parent.get(name) != null);
        if (taken) {
            throw new IllegalArgumentException("duplicate plugin name: " + name);
        }
    }

    private void checkRoot() {
        if (parent != null) {
            throw new IllegalStateException("left and right plugins belong to the endpoint's container, not a route's");
        }
    }

    private void changed() {
        version++;
        snapshot = null;
    }

    private static final class Snapshot {
        final List<Plugin> all;
        /** Read on every hook point of every message: a field, not a call through the unmodifiable wrapper. */
        final boolean empty;
        final List<?>[] byHook = new List<?>[64];

        Snapshot(List<Plugin> all) {
            this.all = all;
            this.empty = all.isEmpty();
        }
    }
}
