package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the writes made in a read reach the socket: the first at once, then by
 * {@link ReadBatchFlusher#BATCH}, the rest at the read's end; writes made outside a read as the
 * loop's next task. An {@link EmbeddedChannel} hands a message to its outbound queue only when it
 * is flushed, so the queue's size is what has gone out.
 */
class ReadBatchFlusherTest {

    /** Replies to every message read with a write and a flush, as the session's dispatcher does. */
    private static final class Replier extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush("reply to " + msg);
        }
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new ReadBatchFlusher(), new Replier());
    }

    @Test
    void aReadsFirstReplyGoesAtOnceThenTheyGoByTheBatchAndTheRestAtTheReadsEnd() {
        EmbeddedChannel ch = channel();
        List<Integer> sentAfterEachRead = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            ch.pipeline().fireChannelRead(i);
            sentAfterEachRead.add(ch.outboundMessages().size());
        }
        assertThat(sentAfterEachRead.get(0)).as("the first reply is not held").isEqualTo(1);
        assertThat(sentAfterEachRead.subList(1, 32)).as("then held until the batch fills").containsOnly(1);
        assertThat(sentAfterEachRead.get(32)).isEqualTo(1 + ReadBatchFlusher.BATCH);
        assertThat(sentAfterEachRead.stream().distinct().toList()).containsExactly(1, 33, 65, 97);
        ch.pipeline().fireChannelReadComplete();
        assertThat(ch.outboundMessages()).hasSize(100);

        ch.pipeline().fireChannelRead(101);
        assertThat(ch.outboundMessages()).as("the next read's first goes at once again").hasSize(101);
        ch.pipeline().fireChannelRead(102);
        assertThat(ch.outboundMessages()).hasSize(101);
        ch.pipeline().fireChannelReadComplete();
        assertThat(ch.outboundMessages()).hasSize(102);
        assertThat((String) ch.readOutbound()).isEqualTo("reply to 1");
        ch.finishAndReleaseAll();
    }

    @Test
    void aWriteOutsideAReadGoesAsTheLoopsNextTask() {
        // (EmbeddedChannel runs its pending tasks on every write, so one write shows the hold)
        EmbeddedChannel ch = channel();
        ch.pipeline().writeAndFlush("call");
        assertThat(ch.outboundMessages()).as("held for the loop's next task").isEmpty();
        ch.runPendingTasks();
        assertThat(ch.outboundMessages()).hasSize(1);
        ch.runPendingTasks();
        assertThat(ch.outboundMessages()).hasSize(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void aScheduledFlushThatFindsAReadInProgressLeavesItToTheReadsEnd() {
        EmbeddedChannel ch = channel();
        ch.pipeline().writeAndFlush("call");
        ch.pipeline().fireChannelRead(1); // flushes the call with the read's first reply
        assertThat(ch.outboundMessages()).hasSize(2);
        ch.pipeline().fireChannelRead(2);
        ch.runPendingTasks();
        assertThat(ch.outboundMessages()).as("the read's end flushes it").hasSize(2);
        ch.pipeline().fireChannelReadComplete();
        assertThat(ch.outboundMessages()).hasSize(3);
        ch.finishAndReleaseAll();
    }

    @Test
    void heldRepliesAreFlushedBeforeTheChannelClosesOrFails() {
        EmbeddedChannel ch = channel();
        for (int i = 1; i <= 5; i++) {
            ch.pipeline().fireChannelRead(i);
        }
        assertThat(ch.outboundMessages()).hasSize(1);
        ch.close();
        assertThat(ch.outboundMessages()).as("nothing held is lost to the close").hasSize(5);
        ch.finishAndReleaseAll();

        EmbeddedChannel failing = channel();
        failing.pipeline().fireChannelRead(1);
        failing.pipeline().fireChannelRead(2);
        failing.pipeline().fireExceptionCaught(new IllegalStateException("decoder fault"));
        assertThat(failing.outboundMessages()).hasSize(2);
        assertThatThrownBy(failing::checkException).hasMessage("decoder fault"); // passed on, not swallowed
        failing.finishAndReleaseAll();
    }

    @Test
    void heldRepliesAreFlushedWhenTheChannelTurnsUnwritable() {
        EmbeddedChannel ch = channel();
        for (int i = 1; i <= 3; i++) {
            ch.pipeline().fireChannelRead(i);
        }
        assertThat(ch.outboundMessages()).hasSize(1);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false); // as a full socket buffer would
        ch.runPendingTasks(); // the change is told as a task (nothing else is scheduled in a read)
        assertThat(ch.isWritable()).isFalse();
        assertThat(ch.outboundMessages()).as("held writes count against the watermark: they go").hasSize(3);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.runPendingTasks();
        ch.pipeline().fireChannelRead(4);
        assertThat(ch.outboundMessages()).as("still in the read: held again").hasSize(3);
        ch.pipeline().fireChannelReadComplete();
        assertThat(ch.outboundMessages()).hasSize(4);
        ch.finishAndReleaseAll();
    }
}
