package io.dmicro.drpc.proto.raw;

/**
 * The two byte layouts of the raw proto in the wild (reference §10.1, §21.1).
 */
public enum RawDialect {
    /** DMicro's drpc: a version byte (1) after the length; status and meta as JSON. The default. */
    DRPC,
    /** andeya/erpc v6/v7: no version byte; status and meta as URL queries. */
    ERPC
}
