package io.dmicro.benchmarks.systems;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling: a bare Netty echo of 4-byte-length-prefixed frames, nothing else. The server echoes
 * each frame's buffer as it came (a retained slice, no copy; a frame over 64 KiB is copied once);
 * both ends flush the writes made in a read as drpc's {@code ReadBatchFlusher} does (the first at
 * once, then by 32, the rest at the read's end), so that the ceiling's two processes overlap their
 * work as drpc's do: flushed once per read, the two took turns, and drpc outran this "ceiling".
 * The client's writes made outside a read are flushed at once. A frame with length 0 subscribes
 * the connection to push.
 */
public final class NettyCeilingSystem implements BenchSystem {
  private static final int MAX_FRAME = 16 << 20;
  /** {@code -Dbench.ceiling.flushEach=true}: flush every message (no coalescing), to compare with naive echoes. */
  static final boolean FLUSH_EACH = Boolean.getBoolean("bench.ceiling.flushEach");

  @Override
  public String name() {
    return "netty-ceiling";
  }

  @Override
  public String family() {
    return "ceiling";
  }

  @Override
  public String codec() {
    return "bytes";
  }

  @Override
  public String description() {
    return "bare Netty " + io.netty.util.Version.identify().getOrDefault("netty-common",
        null).artifactVersion() + " (" + NettyIo.transportName()
        + "), 4-byte length prefix, zero-copy echo on the event loop, "
        + (FLUSH_EACH ? "flush per message (-Dbench.ceiling.flushEach)"
            : "a read's writes flushed as drpc's (first at once, then by " + ReadFlushes.BATCH + ")");
  }

  /** drpc's flush policy for the writes made in a read (see {@code ReadBatchFlusher} in dmicro-core). */
  static final class ReadFlushes {
    static final int BATCH = 32;
    private boolean flushedInRead;
    private int unflushed;

    /** Counts a write made in a read; true when it is to be flushed now. */
    boolean wroteInRead() {
      unflushed++;
      if (!flushedInRead || unflushed >= BATCH) {
        flushedInRead = true;
        unflushed = 0;
        return true;
      }
      return false;
    }

    /** Ends the read; true when writes are left to flush. */
    boolean readEnded() {
      flushedInRead = false;
      boolean left = unflushed > 0;
      unflushed = 0;
      return left;
    }
  }

  /** From this size on a frame is large: its reads are kept as components and it is echoed as a slice of them. */
  private static final int LARGE_FRAME = 64 << 10;

  /**
   * Length-prefixed frames, the large ones without a copy. The reads of a large partial frame are
   * kept as components (merging copies each into a buffer that grows by doubling, past the pooled
   * sizes a fresh zeroed allocation each time), and the frame is echoed as a slice of them; small
   * frames keep merging, which is cheaper for them. A large frame that came in one read (merged)
   * is copied out once: a slice would keep the merged cumulation shared while it is written out,
   * and a shared cumulation is copied whole on every read that adds to it, quadratic copying that
   * once made this "ceiling" slower than drpc at 1 MiB. drpc's frame decoder composes large
   * frames the same way, and then copies the body out once into its message.
   */
  static LengthFieldBasedFrameDecoder decoder() {
    return new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 0) {
      @Override
      protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        Object frame = super.decode(ctx, in);
        if (frame == null && in.readableBytes() >= LARGE_FRAME) {
          setCumulator(COMPOSITE_CUMULATOR);
        } else if (frame != null && !in.isReadable()) {
          setCumulator(MERGE_CUMULATOR);
        }
        return frame;
      }

      @Override
      protected ByteBuf extractFrame(ChannelHandlerContext ctx, ByteBuf buffer, int index, int length) {
        if (length < LARGE_FRAME || buffer instanceof CompositeByteBuf) {
          return super.extractFrame(ctx, buffer, index, length);
        }
        ByteBuf frame = ctx.alloc().ioBuffer(length);
        frame.writeBytes(buffer, index, length);
        return frame;
      }
    };
  }

  @Override
  public boolean supportsPush() {
    return true;
  }

  // ---------------------------------------------------------------- server

  @Override
  public Server startServer(String host, int port, int ioThreads) throws Exception {
    return new CeilingServer(host, port, ioThreads);
  }

  static final class CeilingServer implements Server {
    final EventLoopGroup boss = NettyIo.group(1, "ceiling-boss");
    final EventLoopGroup workers;
    final Channel listener;
    final AtomicInteger sessions = new AtomicInteger();
    final List<PushPump> subscribers = new CopyOnWriteArrayList<>();
    final LongAdder pushed = new LongAdder();
    volatile ByteBuf pushFrame; // non-null while pushing

    CeilingServer(String host, int port, int ioThreads) throws InterruptedException {
      workers = NettyIo.group(ioThreads, "ceiling-server");
      ServerBootstrap b = new ServerBootstrap()
          .group(boss, workers)
          .channel(NettyIo.serverChannel())
          .option(ChannelOption.SO_BACKLOG, 4096)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(decoder(), new EchoHandler());
            }
          });
      listener = b.bind(new InetSocketAddress(host, port)).sync().channel();
    }

    @Override
    public int port() {
      return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public int sessionCount() {
      return sessions.get();
    }

    @Override
    public int pushSubscriberCount() {
      return subscribers.size();
    }

    @Override
    public void startPush(byte[] payload) {
      ByteBuf frame = Unpooled.directBuffer(4 + payload.length).writeInt(payload.length).writeBytes(payload);
      pushed.reset();
      pushFrame = Unpooled.unreleasableBuffer(frame); // a few bytes per push run, never freed
      for (PushPump p : subscribers) {
        p.ctx.executor().execute(p::pump);
      }
    }

    @Override
    public long stopPush() {
      pushFrame = null;
      return pushed.sum();
    }

    @Override
    public void close() {
      pushFrame = null;
      listener.close().awaitUninterruptibly();
      NettyIo.shutdown(boss);
      NettyIo.shutdown(workers);
    }

    final class EchoHandler extends ChannelInboundHandlerAdapter {
      final ReadFlushes flushes = new ReadFlushes();

      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        sessions.incrementAndGet();
        ctx.fireChannelActive();
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        sessions.decrementAndGet();
        ctx.fireChannelInactive();
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (frame.readableBytes() == 4) { // empty frame: subscribe to push
          frame.release();
          PushPump pump = new PushPump(ctx);
          ctx.pipeline().addLast(pump);
          subscribers.add(pump);
          return;
        }
        if (FLUSH_EACH || flushes.wroteInRead()) {
          ctx.writeAndFlush(frame, ctx.voidPromise());
        } else {
          ctx.write(frame, ctx.voidPromise());
        }
      }

      @Override
      public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushes.readEnded()) {
          ctx.flush();
        }
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // e.g. a reset from a client closing with push data unread: nothing to report
      }
    }

    /** Writes the push frame while the channel stays writable; resumes when it drains. */
    final class PushPump extends ChannelInboundHandlerAdapter {
      static final int BATCH = 256;
      final ChannelHandlerContext ctx;

      PushPump(ChannelHandlerContext ctx) {
        this.ctx = ctx;
      }

      void pump() {
        ByteBuf frame = pushFrame;
        Channel ch = ctx.channel();
        if (frame == null || !ch.isActive()) {
          return;
        }
        int n = 0;
        while (n < BATCH && ch.isWritable()) {
          ch.write(frame.duplicate(), ch.voidPromise());
          n++;
        }
        pushed.add(n);
        ch.flush();
        if (ch.isWritable()) { // batch done but room left: yield to other channels, then go on
          ctx.executor().execute(this::pump);
        }
      }

      @Override
      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
          pump();
        }
        ctx.fireChannelWritabilityChanged();
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        subscribers.remove(this);
        ctx.fireChannelInactive();
      }
    }
  }

  // ---------------------------------------------------------------- client

  @Override
  public Client connect(String host, int port, int connections, int ioThreads) throws Exception {
    EventLoopGroup group = NettyIo.group(ioThreads, "ceiling-client");
    try {
      List<Channel> chans = openChannels(group, host, port, connections, new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel ch) {
          ch.pipeline().addLast(decoder(), new CallHandler());
        }
      });
      return new CeilingClient(group, chans);
    } catch (Exception e) {
      NettyIo.shutdown(group);
      throw e;
    }
  }

  static List<Channel> openChannels(EventLoopGroup group, String host, int port, int n,
      ChannelInitializer<Channel> init) throws Exception {
    Bootstrap b = new Bootstrap().group(group).channel(NettyIo.channel())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(init);
    return Connects.openAll(n, i -> {
      CompletableFuture<Channel> f = new CompletableFuture<>();
      ChannelFuture cf = b.connect(host, port);
      cf.addListener(x -> {
        if (x.isSuccess()) {
          f.complete(cf.channel());
        } else {
          f.completeExceptionally(x.cause());
        }
      });
      return f;
    });
  }

  static final class CeilingClient implements Client {
    final EventLoopGroup group;
    final Channel[] channels;
    final CallHandler[] handlers;
    final AtomicInteger next = new AtomicInteger();

    CeilingClient(EventLoopGroup group, List<Channel> chans) {
      this.group = group;
      this.channels = chans.toArray(Channel[]::new);
      this.handlers = new CallHandler[channels.length];
      for (int i = 0; i < channels.length; i++) {
        handlers[i] = channels[i].pipeline().get(CallHandler.class);
      }
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] payload) {
      return call(next.getAndIncrement() & Integer.MAX_VALUE, payload);
    }

    @Override
    public CompletableFuture<byte[]> call(int caller, byte[] payload) {
      int i = caller % channels.length;
      CompletableFuture<byte[]> f = new CompletableFuture<>();
      CallHandler h = handlers[i];
      if (h.ctx.executor().inEventLoop()) {
        h.send(f, payload);
      } else {
        h.ctx.executor().execute(() -> h.send(f, payload));
      }
      return f;
    }

    @Override
    public void close() {
      for (Channel c : channels) {
        c.close();
      }
      NettyIo.shutdown(group);
    }
  }

  /** Client end: FIFO of pending calls (the echo preserves order on a connection). */
  static final class CallHandler extends ChannelInboundHandlerAdapter {
    final ArrayDeque<CompletableFuture<byte[]>> pending = new ArrayDeque<>();
    ChannelHandlerContext ctx;
    boolean inRead;
    final ReadFlushes flushes = new ReadFlushes();

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    void send(CompletableFuture<byte[]> f, byte[] payload) {
      if (!ctx.channel().isActive()) {
        f.completeExceptionally(new IllegalStateException("connection closed"));
        return;
      }
      pending.add(f);
      ByteBuf buf = ctx.alloc().ioBuffer(4 + payload.length).writeInt(payload.length).writeBytes(payload);
      ctx.write(buf, ctx.voidPromise());
      if (!inRead || FLUSH_EACH || flushes.wroteInRead()) {
        ctx.flush();
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      inRead = true; // calls issued from here to channelReadComplete are flushed by ReadFlushes
      ByteBuf frame = (ByteBuf) msg;
      byte[] body = new byte[frame.readableBytes() - 4];
      frame.getBytes(frame.readerIndex() + 4, body);
      frame.release();
      CompletableFuture<byte[]> f = pending.poll();
      if (f != null) {
        f.complete(body);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      inRead = false;
      if (flushes.readEnded()) {
        ctx.flush();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      IllegalStateException e = new IllegalStateException("connection closed");
      CompletableFuture<byte[]> f;
      while ((f = pending.poll()) != null) {
        f.completeExceptionally(e);
      }
    }
  }

  // ---------------------------------------------------------------- push receivers

  @Override
  public PushSessions openPushSessions(String host, int port, int sessions, int ioThreads, LongAdder delivered)
      throws Exception {
    EventLoopGroup group = NettyIo.group(ioThreads, "ceiling-push-client");
    try {
      List<Channel> chans = openChannels(group, host, port, sessions, new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel ch) {
          ch.pipeline().addLast(decoder(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
              ctx.writeAndFlush(ctx.alloc().buffer(4).writeInt(0)); // subscribe
              ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              ((ByteBuf) msg).release();
              delivered.increment();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
              ctx.close();
            }
          });
        }
      });
      return () -> {
        for (Channel c : chans) {
          c.close();
        }
        NettyIo.shutdown(group);
      };
    } catch (Exception e) {
      NettyIo.shutdown(group);
      throw e;
    }
  }
}
