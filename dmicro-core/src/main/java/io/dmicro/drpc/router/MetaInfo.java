package io.dmicro.drpc.router;

/**
 * A meta key a route reads, as declared with {@link RouteMeta}.
 *
 * @param name the key
 * @param description what it is for; may be empty
 * @param required whether the handler fails without it
 */
public record MetaInfo(String name, String description, boolean required) {

    static MetaInfo of(RouteMeta m) {
        return new MetaInfo(m.name(), m.description(), m.required());
    }
}
