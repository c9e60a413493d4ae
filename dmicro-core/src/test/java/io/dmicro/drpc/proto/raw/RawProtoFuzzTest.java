package io.dmicro.drpc.proto.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoCodec;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.ProtoException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
            feed(new RawProto(random.nextBoolean() ? RawDialect.DRPC : RawDialect.ERPC).newCodec(CONFIG), garbage);
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
            feed(new RawProto().newCodec(CONFIG), frame);
        }
    }

    private static void feed(ProtoCodec codec, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            while (in.isReadable()) {
                int before = in.readerIndex();
                Message m;
                try {
                    m = codec.decode(in);
                } catch (ProtoException e) {
                    if (e.fatal()) {
                        return; // the session would close here
                    }
                    assertThat(in.readerIndex()).as("a skipped frame is consumed").isGreaterThan(before);
                    continue;
                }
                if (m == null) {
                    assertThat(in.readerIndex()).as("an incomplete frame is not consumed").isEqualTo(before);
                    return;
                }
                assertThat(in.readerIndex() - before).isLessThanOrEqualTo(LIMIT);
            }
        } finally {
            in.release();
        }
    }
}
