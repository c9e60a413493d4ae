package io.dmicro.drpc.plugin;

/**
 * A named extension. A plugin implements any subset of the hook interfaces in this package
 * ({@link BeforeWriteCall}, {@link AfterAccept}, …); the container finds them by type. Built-in
 * features (heartbeat, auth, overload protection) are plugins written against the same interfaces.
 */
public interface Plugin {

    /** A name unique within a container; defaults to the class's simple name. */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }
}
