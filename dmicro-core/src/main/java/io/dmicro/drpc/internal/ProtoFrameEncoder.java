package io.dmicro.drpc.internal;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.proto.ProtoCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Frames outgoing {@link Message}s with the connection's {@link ProtoCodec}, and batches them:
 * the messages written between two flushes are encoded back to back into one buffer, which goes
 * down the pipeline as one write at the flush. Under load a flush carries hundreds of small
 * messages, and one buffer instead of one per message spares an allocation, an outbound-buffer
 * entry and an iovec each. The encoder sits below (head side of) the flush consolidation, so it
 * sees the consolidated flushes.
 *
 * <p>Each message keeps its own promise, or its {@link ListenedWrite.Outcome}: they all complete with
 * the batch's write. A message that
 * fails to encode fails alone and leaves the batch as it was. Bytes that are not messages (a
 * codec's own output) first push out the batch, so order is kept. Over WebSocket nothing is
 * batched: each WebSocket message carries exactly one proto frame, as foreign clients expect.
 *
 * <p>The bytes it sends down are counted for the session at each flush ({@link DefaultSession#sent}),
 * sparing every connection a handler of its own; a write's promise completes after its flush, so
 * whoever learns that a message went out sees it counted.
 */
final class ProtoFrameEncoder extends ChannelOutboundHandlerAdapter {

    /** A batch is written early once this big, so one flush never builds an unbounded buffer. */
    static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final int INITIAL_BATCH_CAPACITY = 1024;

    private final ProtoCodec codec;
    /** Where the bytes sent are counted. */
    private final DefaultSession session;
    /** Bytes sent down since the last flush; touched only on the event loop. */
    private long unflushedOut;
    /** 0 until the first message decides, then 1 to batch or 2 not to. */
    private byte batching;
    private @Nullable ByteBuf batch;
    /** Per message of the batch, its {@link ChannelPromise}, or the {@link ListenedWrite} to tell. */
    private final ArrayList<Object> batchPromises = new ArrayList<>(0); // grows on first use, not per idle session

    ProtoFrameEncoder(ProtoCodec codec, DefaultSession session) {
        this.codec = codec;
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session.framedBy(ctx.channel(), true);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        Object done = promise;
        if (msg instanceof ListenedWrite listened) {
            msg = listened.message();
            done = listened;
        }
        if (!(msg instanceof Message message)) {
            writeBatch(ctx);
            if (msg instanceof ByteBuf buf) {
                unflushedOut += buf.readableBytes();
            }
            ctx.write(msg, promise);
            return;
        }
        ByteBuf out = batch;
        if (out == null) {
            out = ctx.alloc().ioBuffer(INITIAL_BATCH_CAPACITY);
            batch = out;
        }
        int mark = out.writerIndex();
        try {
            codec.encode(message, out);
        } catch (Throwable t) {
            out.writerIndex(mark);
            complete(done, encoderException(t));
            return;
        }
        batchPromises.add(done);
        boolean last = codec.finished();
        if (last || !batching(ctx) || out.readableBytes() >= MAX_BATCH_BYTES) {
            writeBatch(ctx); // a batch of one where nothing is batched
        }
        if (last) {
            closeAfterWrites(ctx);
        }
    }

    /** The codec wrote its last bytes (an HTTP error after the replies it owed): close once they are out. */
    private static void closeAfterWrites(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private boolean batching(ChannelHandlerContext ctx) {
        if (batching == 0) {
            // decided at the first message, when the transport's layers are all in place
            batching = ctx.pipeline().get("ws-frames") == null ? (byte) 1 : (byte) 2;
        }
        return batching == 1;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeBatch(ctx);
        long n = unflushedOut;
        if (n != 0) {
            unflushedOut = 0;
            session.sent(n);
        }
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        writeBatch(ctx); // unflushed, as without batching: the close fails it in the outbound buffer
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        session.framedBy(ctx.channel(), false);
        ByteBuf out = batch;
        if (out != null) {
            batch = null;
            out.release();
            ClosedChannelException closed = new ClosedChannelException();
            for (Object p : batchPromises) {
                complete(p, closed);
            }
            batchPromises.clear();
        }
    }

    /** Completes a message's promise or tells its outcome: written when {@code failure} is null. */
    private static void complete(Object done, @Nullable Throwable failure) {
        if (done instanceof ListenedWrite listened) {
            listened.tell(failure);
        } else if (failure == null) {
            ((ChannelPromise) done).trySuccess();
        } else {
            ((ChannelPromise) done).tryFailure(failure);
        }
    }

    private void writeBatch(ChannelHandlerContext ctx) {
        ByteBuf out = batch;
        if (out == null) {
            return;
        }
        batch = null;
        int n = batchPromises.size();
        if (n == 0) {
            out.release();
            return;
        }
        unflushedOut += out.readableBytes();
        if (n == 1 && batchPromises.get(0) instanceof ChannelPromise only) {
            batchPromises.clear();
            ctx.write(out, only);
            return;
        }
        Object[] promises = batchPromises.toArray();
        batchPromises.clear();
        ctx.write(out).addListener((ChannelFuture f) -> {
            Throwable cause = f.cause();
            for (Object p : promises) {
                complete(p, cause);
            }
        });
    }

    private static EncoderException encoderException(Throwable t) {
        return t instanceof EncoderException e ? e : new EncoderException(t);
    }
}
