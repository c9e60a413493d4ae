package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Int64Value;
import com.google.protobuf.ListValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtobufCodecTest {

    private final ProtobufCodec codec = new ProtobufCodec();

    @Test
    void roundTripsStringValue() {
        StringValue value = StringValue.of("héllo");
        assertThat(codec.decode(codec.encode(value), StringValue.class)).isEqualTo(value);
    }

    @Test
    void roundTripsStruct() {
        Struct struct = Struct.newBuilder()
                .putFields("name", Value.newBuilder().setStringValue("ann").build())
                .putFields("age", Value.newBuilder().setNumberValue(41).build())
                .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setBoolValue(true))).build())
                .build();
        assertThat(codec.decode(codec.encode(struct), Struct.class)).isEqualTo(struct);
    }

    @Test
    void roundTripsRandomInt64Values() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            Int64Value value = Int64Value.of(random.nextLong());
            assertThat(codec.decode(codec.encode(value), Int64Value.class)).isEqualTo(value);
        }
    }

    @Test
    void encodesNullAsEmptyMessage() {
        assertThat(codec.encode(null)).isEmpty();
        assertThat(codec.decode(new byte[0], StringValue.class))
                .isEqualTo(StringValue.getDefaultInstance());
    }

    @Test
    void rejectsNonProtobufValue() {
        assertThatThrownBy(() -> codec.encode("text"))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("MessageLite");
    }

    @Test
    void rejectsNonProtobufTarget() {
        assertThatThrownBy(() -> codec.decode(new byte[0], String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("not a protobuf message class");
    }

    @Test
    void rejectsTruncatedMessage() {
        byte[] truncated = {0x0A, 0x05, 'a'};
        assertThatThrownBy(() -> codec.decode(truncated, StringValue.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("protobuf codec");
    }

    @Test
    void rejectsInvalidWireType() {
        byte[] garbage = {(byte) 0x0F, 1, 2, 3};
        assertThatThrownBy(() -> codec.decode(garbage, Struct.class))
                .isInstanceOf(CodecException.class);
    }
}
