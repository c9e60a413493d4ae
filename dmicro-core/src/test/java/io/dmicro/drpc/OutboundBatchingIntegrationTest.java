package io.dmicro.drpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.router.PushContext;
import io.dmicro.drpc.router.RouteOptions;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.testing.Peers;
import io.dmicro.drpc.transport.SessionChannels;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The messages of one flush leave in one buffer, each with its own outcome. */
class OutboundBatchingIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    /** Counts the buffers that reach the socket end of a pipeline. */
    private static final class SocketWrites extends ChannelOutboundHandlerAdapter {
        final AtomicInteger buffers = new AtomicInteger();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf) {
                buffers.incrementAndGet();
            }
            ctx.write(msg, promise);
        }
    }

    private record Setup(Session session, Channel channel, SocketWrites writes, BlockingQueue<String> received) {
    }

    private Setup setup() {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Endpoint server = peers.endpoint();
        server.router().routePushFunc("/note", String.class, (PushContext ctx, String s) -> received.add(s), RouteOptions.nonBlockingRoute());
        Session session = Peers.dial(peers.endpoint(), server);
        Channel channel = SessionChannels.channel(session);
        SocketWrites writes = new SocketWrites();
        channel.pipeline().addFirst("count-socket-writes", writes);
        return new Setup(session, channel, writes, received);
    }

    /** Pushes from one event-loop task: their flushes are consolidated into one. */
    private static List<CompletableFuture<Void>> pushInOneTask(Setup s, List<String> routesAndBodies) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        s.channel().eventLoop().submit(() -> {
            for (String r : routesAndBodies) {
                int bar = r.indexOf('|');
                done.add(s.session().push(r.substring(0, bar), r.substring(bar + 1)));
            }
        }).get(10, TimeUnit.SECONDS);
        return done;
    }

    @Test
    void fiftyPushesOfOneFlushLeaveInOneBufferAndArriveInOrder() throws Exception {
        Setup s = setup();
        List<String> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sends.add("/note|m" + i);
        }

        List<CompletableFuture<Void>> done = pushInOneTask(s, sends);

        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(s.writes().buffers.get()).isEqualTo(1);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            got.add(s.received().poll(10, TimeUnit.SECONDS));
        }
        assertThat(got).containsExactlyElementsOf(sends.stream().map(x -> x.substring(x.indexOf('|') + 1)).toList());
    }

    @Test
    void aMessageThatCannotBeEncodedFailsAloneAndTheRestOfItsBatchGoesOut() throws Exception {
        Setup s = setup();
        String tooLongRoute = "/" + "x".repeat(300); // the raw proto allows 255 bytes

        List<CompletableFuture<Void>> done = pushInOneTask(s, List.of("/note|a", tooLongRoute + "|b", "/note|c"));

        done.get(0).get(10, TimeUnit.SECONDS);
        done.get(2).get(10, TimeUnit.SECONDS);
        assertThat(done.get(1)).failsWithin(BOUND).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(DrpcException.class).withMessageContaining("longer than 255");
        assertThat(s.received().poll(10, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(s.received().poll(10, TimeUnit.SECONDS)).isEqualTo("c");
        assertThat(s.writes().buffers.get()).isEqualTo(1);
    }

    @Test
    void aBatchCutShortByAClosedConnectionFailsEveryMessageInItAndLeaksNothing() throws Exception {
        Setup s = setup();
        List<CompletableFuture<Void>> done = new CopyOnWriteArrayList<>();
        s.channel().eventLoop().submit(() -> {
            for (int i = 0; i < 3; i++) {
                done.add(s.session().push("/note", "lost" + i));
            }
            // the batch waits for its consolidated flush when the connection goes away underneath
            // (as on a reset): no pipeline close, so nothing flushes it first
            s.channel().unsafe().close(s.channel().voidPromise());
        }).get(10, TimeUnit.SECONDS);

        for (CompletableFuture<Void> f : done) {
            assertThat(f).failsWithin(BOUND).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(DrpcException.class);
        }
        assertThat(s.received()).isEmpty();
    }

    @Test
    void pushesFromThreadsOffTheLoopAllSucceedAndEachThreadsArriveInItsOrder() throws Exception {
        Setup s = setup();
        int threads = 4;
        int each = 300;
        List<CompletableFuture<Void>> done = new CopyOnWriteArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    done.add(s.session().push("/note", id + ":" + i));
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread t : senders) {
            t.join(BOUND.toMillis());
        }

        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        int[] next = new int[threads];
        for (int n = 0; n < threads * each; n++) {
            String got = s.received().poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            int id = Integer.parseInt(got.substring(0, got.indexOf(':')));
            assertThat(got).isEqualTo(id + ":" + next[id]++);
        }
        assertThat(next).containsOnly(each);
    }

    @Test
    void whatAThreadOffTheLoopWroteBeforeItClosedTheConnectionIsSentBeforeTheClose() throws Exception {
        for (int round = 0; round < 20; round++) {
            Setup s = setup();
            CompletableFuture<Void> sent = CompletableFuture.supplyAsync(() -> {
                CompletableFuture<Void> push = s.session().push("/note", "last words");
                s.channel().close();
                return push;
            }).thenCompose(f -> f);

            sent.get(10, TimeUnit.SECONDS);
            assertThat(s.received().poll(10, TimeUnit.SECONDS)).isEqualTo("last words");
        }
    }

    @Test
    void whatAThreadOffTheLoopWritesAfterItClosedTheConnectionIsNotSent() throws Exception {
        Setup s = setup();
        CompletableFuture<Void> late = CompletableFuture.supplyAsync(() -> {
            s.channel().close();
            return s.session().push("/note", "too late");
        }).thenCompose(f -> f);

        assertThat(late).failsWithin(BOUND).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(DrpcException.class);
        s.channel().closeFuture().await(10, TimeUnit.SECONDS);
        assertThat(s.received()).isEmpty();
    }
}
