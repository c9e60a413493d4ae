package io.dmicro.drpc.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.internal.PlatformDependent;
import java.nio.channels.ClosedChannelException;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Writes the messages that other threads (the handler workers' replies, callers off the loop) hand
 * to a connection, in batches: they wait in a queue, and the first drain task to run on the event
 * loop writes all that are there and flushes once. Netty's own {@code writeAndFlush} from another
 * thread writes only its own message before its flush; under load a flush then carries one reply,
 * and each reply costs a socket write of its own. Messages from one thread keep their order, and keep it against the
 * thread's other tasks on the loop, as Netty's own tasks do: what a thread wrote before it closed
 * the connection is written ahead of the close (and flushed by the close), and what it wrote after
 * the close fails. The handler sits at the tail of the pipeline, so a queued
 * message passes every outbound handler as {@code channel.write} would.
 */
final class OffLoopWrites extends ChannelOutboundHandlerAdapter {

    static final String NAME = "off-loop-writes";

    private record Pending(Object message, ChannelPromise promise) {
    }

    private final Runnable drain = this::drain;
    /** Made by the first write from off the loop: a connection that never gets one holds no queue. */
    private volatile @Nullable Queue<Pending> queue;
    private volatile @Nullable ChannelHandlerContext ctx;

    /** The connection's instance, or null when its pipeline has none (not a drpc connection, or removed). */
    static @Nullable OffLoopWrites of(Channel ch) {
        return (OffLoopWrites) ch.pipeline().get(NAME);
    }

    /** Writes and flushes {@code message}: at once on the event loop, else queued for the loop's next batch. */
    static ChannelFuture writeAndFlush(Channel ch, Object message) {
        if (ch.eventLoop().inEventLoop()) {
            return ch.writeAndFlush(message);
        }
        OffLoopWrites w = of(ch);
        return w == null ? ch.writeAndFlush(message) : w.enqueue(ch, message);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        this.ctx = null;
        failPending(new ClosedChannelException());
    }

    private ChannelFuture enqueue(Channel ch, Object message) {
        ChannelPromise promise = ch.newPromise();
        queue().offer(new Pending(message, promise));
        // a drain task per message, as Netty has a task per write: it keeps this thread's order
        // against its next task (a close). The first drain to run writes all that is queued and
        // flushes once; the ones behind it find the queue empty and cost a poll.
        try {
            ch.eventLoop().execute(drain);
        } catch (RejectedExecutionException e) {
            failPending(e);
        }
        return promise;
    }

    private Queue<Pending> queue() {
        Queue<Pending> q = queue;
        if (q == null) {
            synchronized (this) {
                q = queue;
                if (q == null) {
                    q = PlatformDependent.newMpscQueue();
                    queue = q;
                }
            }
        }
        return q;
    }

    private void drain() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            failPending(new ClosedChannelException());
            return;
        }
        if (writePending(c)) {
            c.flush();
        }
    }

    /** Writes what is queued; true if there was anything. On the event loop. */
    private boolean writePending(ChannelHandlerContext ctx) {
        Queue<Pending> q = queue;
        if (q == null) {
            return false;
        }
        boolean any = false;
        Pending p;
        while ((p = q.poll()) != null) {
            ctx.write(p.message, p.promise);
            any = true;
        }
        return any;
    }

    private synchronized void failPending(Throwable cause) { // by the loop, or by senders once it is gone
        Queue<Pending> q = queue;
        if (q == null) {
            return;
        }
        Pending p;
        while ((p = q.poll()) != null) {
            io.netty.util.ReferenceCountUtil.release(p.message);
            p.promise.tryFailure(cause);
        }
    }
}
