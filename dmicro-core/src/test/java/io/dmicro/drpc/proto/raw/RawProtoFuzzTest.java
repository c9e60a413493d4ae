package io.dmicro.drpc.proto.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.dmicro.drpc.status.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, with a fixed seed: the decoder either waits for more bytes, returns a message, or
 * throws {@link ProtoException}; it never throws anything else, never loops without consuming,
 * and never accepts a frame over the limit.
 */
class RawProtoFuzzTest {

    private static final int LIMIT = 4096;
    private static final ProtoConfig CONFIG = new ProtoConfig(LIMIT, TransferFilters.defaults(), Codecs.defaults());

    @Test
    void randomBytesOnlyEverYieldMessagesOrProtoExceptions() {
        Random random = new Random(20261124L);
        for (int round = 0; round < 5_000; round++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (random.nextBoolean() && garbage.length >= 4) {
                // a plausible length prefix makes the decoder go past the size check
                int size = 5 + random.nextInt(garbage.length);
                garbage[0] = 0;
                garbage[1] = 0;
                garbage[2] = (byte) (size >> 8);
                garbage[3] = (byte) size;
            }
            RawDialect dialect = random.nextBoolean() ? RawDialect.DRPC : RawDialect.ERPC;
            feed(dialect, garbage);
        }
    }

    @Test
    void mutatedValidFramesOnlyEverYieldMessagesOrProtoExceptions() {
        Random random = new Random(7L);
        ProtoCodec writer = new RawProto().newCodec(CONFIG);
        for (int round = 0; round < 5_000; round++) {
            Message m = new Message(random.nextInt(), MessageType.fromCode(1 + random.nextInt(3)), "/r" + random.nextInt(100))
                    .bodyCodec((byte) 'j').body(new byte[random.nextInt(32)]);
            if (random.nextBoolean()) {
                m.meta().set("k" + random.nextInt(5), "v");
            }
            ByteBuf buf = Unpooled.buffer();
            byte[] frame;
            try {
                writer.encode(m, buf);
                frame = new byte[buf.readableBytes()];
                buf.readBytes(frame);
            } finally {
                buf.release();
            }
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int at = 4 + random.nextInt(frame.length - 4); // keep the size so frames stay framed
                frame[at] = (byte) random.nextInt(256);
            }
            feed(RawDialect.DRPC, frame);
        }
    }

    @Test
    void longHeadersDecodeTheSameFromTheHeapAndFromNativeMemory() {
        Random random = new Random(11L);
        ProtoCodec writer = new RawProto().newCodec(CONFIG);
        for (int round = 0; round < 500; round++) {
            Message m = new Message(random.nextInt(), MessageType.CALL, "/r".repeat(1 + random.nextInt(100)))
                    .bodyCodec((byte) 'j').body(new byte[random.nextInt(64)]);
            m.meta().set("k", "v".repeat(random.nextInt(600)));
            ByteBuf buf = Unpooled.buffer();
            try {
                writer.encode(m, buf);
                byte[] frame = new byte[buf.readableBytes()];
                buf.readBytes(frame);
                feed(RawDialect.DRPC, frame);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void framesOfEveryShapeDecodeTheSameWithAndWithoutTheWindow() {
        Random random = new Random(3L);
        String[] metaValues = {"v", "a b", "quote\"d", "non-ascii \u00e9", "x".repeat(300)};
        for (int round = 0; round < 2_000; round++) {
            RawDialect dialect = random.nextBoolean() ? RawDialect.DRPC : RawDialect.ERPC;
            int seq = switch (random.nextInt(4)) {
                case 0 -> Integer.MIN_VALUE + random.nextInt(2);
                case 1 -> Integer.MAX_VALUE - random.nextInt(2);
                default -> random.nextInt();
            };
            Message m = new Message(seq, MessageType.fromCode(1 + random.nextInt(5)), "/route/" + random.nextInt(40))
                    .bodyCodec((byte) 'j').body(new byte[random.nextInt(300)]);
            if (random.nextInt(4) == 0) {
                m.status(Status.withCause(Status.INTERNAL_SERVER_ERROR, "cause " + random.nextInt(10)));
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                m.meta().set("k" + random.nextInt(5), metaValues[random.nextInt(metaValues.length)]);
            }
            if (random.nextInt(8) == 0) {
                m.filterIds(new byte[] {'z'});
            }
            ByteBuf buf = Unpooled.buffer();
            try {
                new RawProtoCodec(dialect, CONFIG).encode(m, buf);
                byte[] frame = new byte[buf.readableBytes()];
                buf.readBytes(frame);
                feed(dialect, frame);
            } finally {
                buf.release();
            }
        }
    }

    /**
     * Feeds {@code bytes} from the heap and from native memory, and to a codec that reads every
     * frame from the buffer instead of from a copied window: the same outcomes every way.
     */
    private static void feed(RawDialect dialect, byte[] bytes) {
        List<String> heap = feed(new RawProtoCodec(dialect, CONFIG), Unpooled.wrappedBuffer(bytes));
        ByteBuf direct = Unpooled.directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
        assertThat(feed(new RawProtoCodec(dialect, CONFIG), direct)).as("from native memory").isEqualTo(heap);
        assertThat(feed(new RawProtoCodec(dialect, CONFIG, false), Unpooled.wrappedBuffer(bytes)))
                .as("read from the buffer, without the window").isEqualTo(heap);
    }

    private static List<String> feed(ProtoCodec codec, ByteBuf in) {
        List<String> outcomes = new ArrayList<>();
        try {
            while (in.isReadable()) {
                int before = in.readerIndex();
                Message m;
                try {
                    m = codec.decode(in);
                } catch (ProtoException e) {
                    outcomes.add((e.fatal() ? "fatal " : "skipped ") + e.getMessage() + " at " + in.readerIndex());
                    if (e.fatal()) {
                        return outcomes; // the session would close here
                    }
                    assertThat(in.readerIndex()).as("a skipped frame is consumed").isGreaterThan(before);
                    continue;
                }
                if (m == null) {
                    assertThat(in.readerIndex()).as("an incomplete frame is not consumed").isEqualTo(before);
                    outcomes.add("incomplete at " + before);
                    return outcomes;
                }
                assertThat(in.readerIndex() - before).isLessThanOrEqualTo(LIMIT);
                outcomes.add(m.seq() + " " + m.type() + " " + m.serviceMethod() + " " + m.status() + " " + m.meta() + " "
                        + m.bodyCodec() + " " + HexFormat.of().formatHex(m.body()) + " " + HexFormat.of().formatHex(m.filterIds())
                        + " at " + in.readerIndex());
            }
            return outcomes;
        } finally {
            in.release();
        }
    }
}
