package io.dmicro.drpc.proto;

/**
 * A wire format: how messages are framed on a byte stream. Each connection gets its own
 * {@link ProtoCodec} from {@link #newCodec}, so a codec may keep per-connection parsing state.
 * Implement this interface to speak a protocol of your own; the built-ins are implementations of it.
 */
public interface Proto {

    /** The name used in configuration and logs, such as {@code raw}. */
    String name();

    ProtoCodec newCodec(ProtoConfig config);
}
