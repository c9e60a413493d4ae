package io.dmicro.drpc.router;

import java.util.List;

/**
 * A service that registers its own routes instead of having them derived from its Java methods,
 * as code generated from a .proto does: its route names come from the .proto's service and rpc
 * names (what a Go peer calls), through the router's mapper. Spring's {@code @DrpcService} support
 * routes such a bean by calling {@link #bindTo}.
 */
public interface BindableService {

    /** Registers this service's routes on {@code router} (under its prefix) and returns their names. */
    List<String> bindTo(Router router);
}
