package io.dmicro.drpc.internal;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

/**
 * Fields made on first use by whichever thread asks first, so that an idle object holds none of
 * them: a thread that loses the race to set one uses the winner's, and every reader sees it.
 */
final class LazyFields {

    private LazyFields() {
    }

    /** {@code field} of {@code owner}, set to {@code make(owner)} if it was still null. */
    static <O, T> T get(AtomicReferenceFieldUpdater<O, T> field, O owner, Function<? super O, ? extends T> make) {
        T value = field.get(owner);
        if (value != null) {
            return value;
        }
        field.compareAndSet(owner, null, make.apply(owner));
        return field.get(owner); // ours, or the one a racing thread set first
    }
}
