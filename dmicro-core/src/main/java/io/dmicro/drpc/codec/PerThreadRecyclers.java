package io.dmicro.drpc.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffer recyclers kept per platform thread, shared through Jackson's concurrent pool by
 * virtual threads. Jackson 3 pools them in a concurrent deque by default, for the sake of virtual
 * threads, where a thread-local buffer would serve one call only; but the threads that encode and
 * decode drpc bodies are mostly long-lived (the event loops, the handler pool), and for them the
 * deque's two compare-and-sets per parser or generator cost more than a thread-local read: profiled
 * on the benchmark's JSON record echo, about 7% of the codec's time.
 */
final class PerThreadRecyclers implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    /** {@code Thread.isVirtual()} on Java 21+, null before (no virtual threads there). */
    private static final @Nullable MethodHandle IS_VIRTUAL = isVirtual();

    private final RecyclerPool<BufferRecycler> perThread = JsonRecyclerPools.threadLocalPool();
    private final RecyclerPool<BufferRecycler> shared = JsonRecyclerPools.newConcurrentDequePool();

    private static @Nullable MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private RecyclerPool<BufferRecycler> pool() {
        MethodHandle h = IS_VIRTUAL;
        if (h == null) {
            return perThread;
        }
        try {
            return (boolean) h.invokeExact(Thread.currentThread()) ? shared : perThread;
        } catch (Throwable t) {
            return shared;
        }
    }

    @Override
    public BufferRecycler acquireAndLinkPooled() {
        return pool().acquireAndLinkPooled(); // a shared one goes back to the deque when released
    }

    @Override
    public BufferRecycler acquirePooled() {
        return pool().acquirePooled();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        // reached only for a recycler linked to this pool, which acquireAndLinkPooled never does
        shared.releasePooled(recycler);
    }

    @Override
    public boolean clear() {
        return shared.clear();
    }

    @Override
    public int pooledCount() {
        return shared.pooledCount();
    }
}
