package io.dmicro.drpc.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Writes the messages that other threads (the handler workers' replies, callers off the loop) hand
 * to one connection, in batches: they wait in a queue, and the first drain task to run on the event
 * loop writes all that are there and flushes once. Netty's own {@code writeAndFlush} from another
 * thread writes only its own message before its flush; under load a flush then carries one reply,
 * and each reply costs a socket write of its own. Messages from one thread keep their order, and
 * keep it against the thread's other tasks on the loop, as Netty's own tasks do: what a thread
 * wrote before it closed the connection is written ahead of the close (and flushed by the close),
 * and what it wrote after the close fails as any write on a closed channel does. A drained message
 * enters the pipeline at its tail, as {@code channel.write} would. Not a handler, so a connection
 * that never gets a write from off its loop pays nothing for it: its session makes one on the
 * first such write ({@link DefaultSession}).
 */
final class OffLoopWrites {

    /** A message and its promise, or a {@link ListenedWrite} and no promise. */
    private record Pending(Object message, @Nullable ChannelPromise promise) {
    }

    private final Channel channel;
    private final DefaultSession session;
    private final Queue<Pending> queue = PlatformDependent.newMpscQueue();
    private final Runnable drain = this::drain;

    OffLoopWrites(Channel channel, DefaultSession session) {
        this.channel = channel;
        this.session = session;
    }

    Channel channel() {
        return channel;
    }

    /** Queues {@code message} for the loop's next batch; from a thread that is not the channel's event loop. */
    ChannelFuture writeAndFlush(Object message) {
        ChannelPromise promise = channel.newPromise();
        enqueue(new Pending(message, promise));
        return promise;
    }

    /** Queues {@code w} for the loop's next batch, to be told its outcome there; from off the loop. */
    void write(ListenedWrite w) {
        enqueue(new Pending(w, null));
    }

    private void enqueue(Pending p) {
        queue.offer(p);
        // a drain task per message, as Netty has a task per write: it keeps this thread's order
        // against its next task (a close). The first drain to run writes all that is queued and
        // flushes once; the ones behind it find the queue empty and cost a poll.
        try {
            channel.eventLoop().execute(drain);
        } catch (RejectedExecutionException e) {
            failPending(e); // the loop is shut down: nothing will drain
        }
    }

    /** On the event loop: writes what is queued, flushing once if there was anything. */
    private void drain() {
        boolean any = false;
        Pending p;
        while ((p = queue.poll()) != null) {
            if (p.promise != null) {
                channel.write(p.message, p.promise);
            } else {
                SessionWriter.writeOnLoop(session, channel, (ListenedWrite) p.message, false);
            }
            any = true;
        }
        if (any) {
            channel.flush();
        }
    }

    private void failPending(Throwable cause) {
        Pending p;
        while ((p = queue.poll()) != null) {
            if (p.promise != null) {
                ReferenceCountUtil.release(p.message);
                p.promise.tryFailure(cause);
            } else {
                ((ListenedWrite) p.message).tell(cause);
            }
        }
    }
}
