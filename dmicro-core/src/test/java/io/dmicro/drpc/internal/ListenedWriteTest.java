package io.dmicro.drpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.MessageType;
import io.dmicro.drpc.proto.ProtoConfig;
import io.dmicro.drpc.proto.raw.RawProto;
import io.dmicro.drpc.session.SessionState;
import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Writes told their outcome instead of completing a promise: each exactly once, by the frame
 * encoder where it is in the pipeline, through a promise of their own where it is not.
 */
class ListenedWriteTest {

    private static final ProtoConfig CONFIG = new ProtoConfig(1 << 20, TransferFilters.defaults(), Codecs.defaults());

    /** What each write was told, in order; a second telling of one write shows as a second entry. */
    private static final class Told {
        final List<String> outcomes = new ArrayList<>();

        ListenedWrite.Outcome as(String name) {
            return failure -> outcomes.add(name + (failure == null ? " written" : " failed: " + failure.getClass().getSimpleName()));
        }
    }

    private static Message call(int seq, String route) {
        return new Message(seq, MessageType.CALL, route).bodyCodec((byte) 's').body(new byte[] {1, 2, 3});
    }

    private static EmbeddedChannel framed(TestEngine engines, DefaultSession[] session) {
        EmbeddedChannel ch = new EmbeddedChannel();
        session[0] = engines.accepted(ch);
        ch.pipeline().addLast(new ProtoFrameEncoder(new RawProto().newCodec(CONFIG), session[0]));
        return ch;
    }

    @Test
    void aBatchTellsEachMessageOnceWhenItsOneWriteCompletes() {
        try (TestEngine engines = new TestEngine()) {
            DefaultSession[] session = new DefaultSession[1];
            EmbeddedChannel ch = framed(engines, session);
            assertThat(session[0].framedBy(ch)).isTrue();
            Told told = new Told();
            for (int i = 1; i <= 3; i++) {
                ch.write(new ListenedWrite(call(i, "/a"), told.as("m" + i)), ch.voidPromise());
            }
            assertThat(told.outcomes).as("nothing is told before the flush").isEmpty();
            ch.flush();
            assertThat(told.outcomes).containsExactly("m1 written", "m2 written", "m3 written");
            ByteBuf batch = ch.readOutbound();
            try {
                assertThat((Object) ch.readOutbound()).as("one buffer for the batch").isNull();
                io.dmicro.drpc.proto.ProtoCodec reader = new RawProto().newCodec(CONFIG);
                List<Integer> seqs = new ArrayList<>();
                while (batch.isReadable()) {
                    seqs.add(reader.decode(batch).seq());
                }
                assertThat(seqs).containsExactly(1, 2, 3);
            } finally {
                batch.release();
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aMessageThatCannotBeEncodedIsToldAloneAndAThrowingOutcomeStopsNoOther() {
        try (TestEngine engines = new TestEngine()) {
            DefaultSession[] session = new DefaultSession[1];
            EmbeddedChannel ch = framed(engines, session);
            Told told = new Told();
            ch.write(new ListenedWrite(call(1, "/a"), failure -> {
                told.outcomes.add("m1 threw");
                throw new IllegalStateException("an outcome that throws");
            }), ch.voidPromise());
            ch.write(new ListenedWrite(call(2, "/" + "x".repeat(300)), told.as("m2")), ch.voidPromise());
            ch.write(new ListenedWrite(call(3, "/a"), told.as("m3")), ch.voidPromise());
            assertThat(told.outcomes).containsExactly("m2 failed: " + EncoderException.class.getSimpleName());
            ch.flush();
            assertThat(told.outcomes).containsExactly("m2 failed: EncoderException", "m1 threw", "m3 written");
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void messagesStillInTheBatchWhenTheEncoderLeavesAreToldTheConnectionClosed() {
        try (TestEngine engines = new TestEngine()) {
            DefaultSession[] session = new DefaultSession[1];
            EmbeddedChannel ch = framed(engines, session);
            Told told = new Told();
            ch.write(new ListenedWrite(call(1, "/a"), told.as("m1")), ch.voidPromise());
            ch.pipeline().remove(ProtoFrameEncoder.class);
            assertThat(told.outcomes).containsExactly("m1 failed: " + ClosedChannelException.class.getSimpleName());
            assertThat(session[0].framedBy(ch)).as("no encoder to take listened writes").isFalse();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void withoutAFrameEncoderTheWriterFallsBackToAPromiseAndTellsThroughIt() {
        try (TestEngine engines = new TestEngine()) {
            EmbeddedChannel ch = new EmbeddedChannel(); // a pipeline with no frame encoder, as the HTTP proto's
            DefaultSession session = engines.accepted(ch);
            assertThat(session.transition(SessionState.PREPARING, SessionState.OK)).isTrue();
            Told told = new Told();
            new SessionWriter(1 << 20).write(session, ch, call(1, "/a"), told.as("m1"));
            assertThat(told.outcomes).containsExactly("m1 written");
            assertThat((Object) ch.readOutbound()).as("the message itself went down, not the wrapper").isInstanceOf(Message.class);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aRefusedWriteIsToldItsRefusalOnce() {
        try (TestEngine engines = new TestEngine()) {
            DefaultSession[] session = new DefaultSession[1];
            EmbeddedChannel ch = framed(engines, session);
            assertThat(session[0].transition(SessionState.PREPARING, SessionState.PASSIVE_CLOSED)).isTrue();
            List<@Nullable Throwable> told = new ArrayList<>();
            new SessionWriter(1 << 20).write(session[0], ch, call(1, "/a"), told::add);
            assertThat(told).singleElement().isInstanceOf(io.dmicro.drpc.status.DrpcException.class);
            assertThat((Object) ch.readOutbound()).isNull();
            ch.finishAndReleaseAll();
        }
    }
}
