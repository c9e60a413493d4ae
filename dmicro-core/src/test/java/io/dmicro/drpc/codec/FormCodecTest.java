package io.dmicro.drpc.codec;

import static io.dmicro.drpc.codec.JsonCodecTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

class FormCodecTest {

    record Login(String user, int attempts, List<String> roles) {
    }

    private final FormCodec codec = new FormCodec();

    @Test
    void encodesMapWithMultiValuesAndEscapes() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("q", "a b&c=d");
        form.put("tag", List.of("x", "ü"));
        assertThat(new String(codec.encode(form), StandardCharsets.UTF_8))
                .isEqualTo("q=a+b%26c%3Dd&tag=x&tag=%C3%BC");
    }

    @Test
    void roundTripsMultiValueMap() {
        Map<String, List<String>> form = Map.of("tag", List.of("x", "y"), "name", List.of("é"));
        Object back = codec.decode(codec.encode(form),
                new TypeReference<Map<String, List<String>>>() { }.getType());
        assertThat(back).isEqualTo(form);
    }

    @Test
    void decodesSingleValueMapKeepingFirstValue() {
        Object back = codec.decode(utf8("a=1&a=2&b=&c"),
                new TypeReference<Map<String, String>>() { }.getType());
        assertThat(back).isEqualTo(Map.of("a", "1", "b", "", "c", ""));
    }

    @Test
    void decodesIntoObjectAsMultiValueMap() {
        assertThat(codec.decode(utf8("a=1&a=2"), Object.class))
                .isEqualTo(Map.of("a", List.of("1", "2")));
    }

    @Test
    void roundTripsRecord() {
        Login login = new Login("ann lee", 3, List.of("admin", "ops"));
        assertThat(codec.decode(codec.encode(login), Login.class)).isEqualTo(login);
    }

    @Test
    void decodesSingleValueIntoListField() {
        assertThat(codec.decode(utf8("user=bo&attempts=1&roles=x"), Login.class))
                .isEqualTo(new Login("bo", 1, List.of("x")));
    }

    @Test
    void skipsNullValues() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("a", null);
        form.put("b", 1);
        form.put("c", Arrays.asList("x", null));
        assertThat(codec.encode(form)).isEqualTo(utf8("b=1&c=x"));
    }

    @Test
    void rejectsNestedValue() {
        assertThatThrownBy(() -> codec.encode(Map.of("a", Map.of("b", 1))))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void rejectsMalformedEscape() {
        assertThatThrownBy(() -> codec.decode(utf8("a=%zz"), Object.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void rejectsValueThatDoesNotFitField() {
        assertThatThrownBy(() -> codec.decode(utf8("user=a&attempts=many"), Login.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("form codec");
    }
}
