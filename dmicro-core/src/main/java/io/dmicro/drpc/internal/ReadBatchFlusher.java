package io.dmicro.drpc.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Coalesces flushes, in place of Netty's {@code FlushConsolidationHandler}, so that the two ends of
 * a busy connection work at the same time instead of taking turns.
 *
 * <p>Consolidating every flush of a read into one at its end made a batch of calls travel as one
 * block: the peer sat idle while this side worked through the batch, then this side sat idle while
 * the peer did (each process about half a core at 128 callers, on 2 cores). Here the first flush
 * of a read goes out at once, so the peer starts on it while this side goes on, and later ones are
 * grouped by {@value #BATCH}, few enough writes that a big batch still costs a handful of system
 * calls; the rest goes at the read's end. A flush outside a read (a reply from a handler thread, a
 * call from an application thread) runs as the event loop's next task unless
 * {@value #HELD_OUTSIDE_READ} are waiting, so the flushes of a burst of calls in one task become one
 * (as Netty's handler does).
 */
final class ReadBatchFlusher extends ChannelDuplexHandler {

    /** Flushes grouped into one write after a read's first: 16 and fewer cost more CPU per call at 128 callers. */
    static final int BATCH = 32;

    /** Flushes outside a read held at most until the loop's next task. */
    static final int HELD_OUTSIDE_READ = 256;

    private ChannelHandlerContext ctx;
    private boolean reading;
    private boolean flushedInRead;
    private int pending;
    private boolean scheduled;
    private final Runnable scheduledFlush = this::runScheduledFlush;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        pending++;
        if (reading ? !flushedInRead || pending >= BATCH : pending >= HELD_OUTSIDE_READ) {
            flushedInRead = reading;
            flushNow();
        } else if (!reading && !scheduled) {
            scheduled = true;
            ctx.channel().eventLoop().execute(scheduledFlush);
        }
    }

    private void runScheduledFlush() {
        scheduled = false;
        if (!reading) { // in a read, the read's end flushes
            flushIfPending();
        }
    }

    private void flushNow() {
        pending = 0;
        ctx.flush();
    }

    private void flushIfPending() {
        if (pending > 0) {
            flushNow();
        }
    }

    private void endRead() {
        reading = false;
        flushedInRead = false;
        flushIfPending();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        endRead();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        endRead();
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        endRead();
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        endRead();
        ctx.close(promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            flushIfPending(); // what is held back counts against the watermark: let it drain
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        flushIfPending();
    }
}
