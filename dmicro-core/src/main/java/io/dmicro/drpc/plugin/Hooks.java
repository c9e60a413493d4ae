package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the plugins of one hook point, in container order, with the one error policy of every hook.
 * Each hook point is of one of three kinds, and its kind alone decides what a failing plugin does:
 *
 * <pre>
 *   kind     hooks                                     a non-OK status         a thrown exception
 *   check    Before/After*Read*, BeforeWrite*,          stops the chain; the    stops the chain as a 500
 *            BeforeReadHeader, BeforeDial, AfterDial,    hook point acts on it   status naming the plugin,
 *            AfterAccept                                 (refuses the message,   logged once with its trace
 *                                                        the dial, the session)
 *   notice   AfterWrite*, AfterOutcome, AfterDialFail,                 logged; every plugin    logged with its trace;
 *            AfterDisconnect, Before/AfterCloseEndpoint  still runs              every plugin still runs
 *   set-up   Before/AfterNewEndpoint, AfterListen,       (no status)             propagates to the caller and
 *            AfterRegRouter                                                      undoes what it set up (no
 *                                                                                endpoint, no listener, no route)
 * </pre>
 *
 * A check may refuse; a notice reports what already happened and cannot be undone, so one plugin's
 * failure never keeps the others from hearing it; a set-up failure means the thing being set up is
 * unusable, so the caller sees the exception itself.
 */
public final class Hooks {

    private static final Logger log = LoggerFactory.getLogger(Hooks.class);

    private Hooks() {
    }

    /** Runs a check hook: the first non-OK status, or OK. A throw becomes a 500 status naming the plugin. */
    public static <H> Status check(PluginContainer container, Class<H> hook, Function<H, @Nullable Status> call) {
        List<H> hooks = container.hooks(hook);
        for (int i = 0, n = hooks.size(); i < n; i++) { // indexed: no iterator on a per-message path
            H h = hooks.get(i);
            Status s;
            try {
                s = call.apply(h);
            } catch (RuntimeException e) {
                log.warn("{} of plugin {} threw", hook.getSimpleName(), name(h), e);
                return Status.withCause(Status.INTERNAL_SERVER_ERROR, hook.getSimpleName() + " of plugin " + name(h) + " threw " + e);
            }
            if (s != null && !s.isOk()) {
                return s;
            }
        }
        return Status.OK;
    }

    /** Runs a notice hook that answers a status: every plugin runs; a non-OK status or a throw is logged. */
    public static <H> void notice(PluginContainer container, Class<H> hook, Function<H, @Nullable Status> call) {
        List<H> hooks = container.hooks(hook);
        for (int i = 0, n = hooks.size(); i < n; i++) {
            H h = hooks.get(i);
            try {
                Status s = call.apply(h);
                if (s != null && !s.isOk()) {
                    log.warn("{} of plugin {} returned {}", hook.getSimpleName(), name(h), s);
                }
            } catch (RuntimeException e) {
                log.warn("{} of plugin {} threw", hook.getSimpleName(), name(h), e);
            }
        }
    }

    /** Runs a notice hook without a status: every plugin runs; a throw is logged. */
    public static <H> void announce(PluginContainer container, Class<H> hook, Consumer<H> call) {
        notice(container, hook, h -> {
            call.accept(h);
            return null;
        });
    }

    /** Runs a set-up hook: the first throw stops the chain and reaches the caller unchanged. */
    public static <H> void setUp(PluginContainer container, Class<H> hook, Consumer<H> call) {
        for (H h : container.hooks(hook)) {
            call.accept(h);
        }
    }

    /**
     * Opens the {@link HandlerScope}s of a handler, in container order; the returned scope closes them
     * in reverse. A throw while opening or closing one is logged and the others still run.
     */
    public static HandlerScope.Scope openScopes(PluginContainer container, ReadContext ctx) {
        List<HandlerScope> hooks = container.hooks(HandlerScope.class);
        int n = hooks.size();
        if (n == 0) {
            return HandlerScope.Scope.NONE;
        }
        HandlerScope.Scope[] opened = new HandlerScope.Scope[n];
        for (int i = 0; i < n; i++) {
            HandlerScope h = hooks.get(i);
            try {
                opened[i] = h.openHandlerScope(ctx);
            } catch (RuntimeException e) {
                log.warn("HandlerScope of plugin {} threw", name(h), e);
            }
        }
        return () -> {
            for (int i = n - 1; i >= 0; i--) {
                if (opened[i] != null) {
                    try {
                        opened[i].close();
                    } catch (RuntimeException e) {
                        log.warn("the handler scope of plugin {} threw on close", name(hooks.get(i)), e);
                    }
                }
            }
        };
    }

    private static String name(Object hook) {
        return hook instanceof Plugin p ? p.name() : hook.getClass().getName();
    }
}
