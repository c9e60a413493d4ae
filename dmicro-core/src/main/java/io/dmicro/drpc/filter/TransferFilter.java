package io.dmicro.drpc.filter;

/**
 * A byte-stream transform applied to everything after the filter ids of a frame (header and body
 * together), such as compression or a checksum (Go {@code tfilter}). When a message lists several
 * filters, packing runs them from the last id to the first and unpacking from the first to the
 * last, exactly as the original does. Implementations are thread-safe.
 */
public interface TransferFilter {

    /** The wire id (drpc: {@code 'z'} gzip, {@code '5'} md5). */
    byte id();

    String name();

    byte[] onPack(byte[] data);

    /**
     * Reverses {@link #onPack}. Must never produce more than {@code maxSize} bytes: a filter that
     * expands data (decompression) stops and throws {@link FilterException} at the limit.
     */
    byte[] onUnpack(byte[] data, int maxSize) throws FilterException;
}
