package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which declared reply types each built-in codec refuses before a handler runs: only the clear cases. */
class CanEncodeTest {

    record Point(int x, int y) {
    }

    @Test
    void protobufCarriesOnlyMessagesAndLeavesObjectAndInterfacesOpen() {
        ProtobufCodec p = new ProtobufCodec();
        assertThat(p.canEncode(int.class)).isFalse();
        assertThat(p.canEncode(String.class)).isFalse();
        assertThat(p.canEncode(Point.class)).isFalse();
        assertThat(p.canEncode(com.google.protobuf.StringValue.class)).isTrue();
        assertThat(p.canEncode(Object.class)).isTrue();
        assertThat(p.canEncode(com.google.protobuf.MessageLite.class)).isTrue();
        assertThat(p.canEncode(Void.class)).isTrue();
    }

    @Test
    void plainCarriesScalarsAndStringsButNoRecordOrCollection() {
        PlainCodec s = new PlainCodec();
        assertThat(s.canEncode(int.class)).isTrue();
        assertThat(s.canEncode(String.class)).isTrue();
        assertThat(s.canEncode(byte[].class)).isTrue();
        assertThat(s.canEncode(Point.class)).isFalse();
        assertThat(s.canEncode(List.class)).isFalse();
        assertThat(s.canEncode(int[].class)).isFalse();
    }

    @Test
    void formCarriesObjectsAndMapsButNoScalar() {
        FormCodec f = new FormCodec();
        assertThat(f.canEncode(int.class)).isFalse();
        assertThat(f.canEncode(Integer.class)).isFalse();
        assertThat(f.canEncode(String.class)).isFalse();
        assertThat(f.canEncode(Point.class)).isTrue();
        assertThat(f.canEncode(Map.class)).isTrue();
        assertThat(new JsonCodec().canEncode(int.class)).isTrue();
    }
}
