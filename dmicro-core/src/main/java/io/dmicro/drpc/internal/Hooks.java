package io.dmicro.drpc.internal;

import io.dmicro.drpc.plugin.Plugin;
import io.dmicro.drpc.plugin.PluginContainer;
import io.dmicro.drpc.status.Status;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one hook over a container: the first non-OK status stops the chain, a throw becomes a status. */
public final class Hooks {

    private static final Logger log = LoggerFactory.getLogger(Hooks.class);

    private Hooks() {
    }

    public static <H> Status run(PluginContainer container, Class<H> hook, Function<H, Status> call) {
        java.util.List<H> hooks = container.hooks(hook);
        for (int i = 0, n = hooks.size(); i < n; i++) { // indexed: no iterator on a per-message path
            H h = hooks.get(i);
            Status s;
            try {
                s = call.apply(h);
            } catch (RuntimeException e) {
                s = Status.withCause(Status.INTERNAL_SERVER_ERROR, hook.getSimpleName() + " of plugin " + ((Plugin) h).name()
                        + " threw " + e);
                log.warn("{} of plugin {} threw", hook.getSimpleName(), ((Plugin) h).name(), e);
            }
            if (s != null && !s.isOk()) {
                return s;
            }
        }
        return Status.OK;
    }

    /** Runs a hook whose failures are only worth a log line. */
    public static <H> void runLogged(PluginContainer container, Class<H> hook, Function<H, Status> call) {
        Status s = run(container, hook, call);
        if (!s.isOk()) {
            log.warn("{} hook returned {}", hook.getSimpleName(), s);
        }
    }
}
