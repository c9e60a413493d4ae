package io.dmicro.drpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** Loads the codec classes in a class loader that sees neither protobuf-java nor Jackson XML. */
class CodecsWithoutOptionalLibrariesTest {

    @Test
    void defaultsSkipProtobufAndXmlWhenLibrariesAreAbsent() throws Exception {
        URL[] urls = {location(Codecs.class), location(JsonMapper.class),
            location(JsonFactory.class), location(JsonProperty.class)};
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls, platform)) {
            assertThatThrownBy(() -> loader.loadClass("com.google.protobuf.MessageLite"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> codecs = loader.loadClass(Codecs.class.getName());
            Object defaults = codecs.getMethod("defaults").invoke(null);
            Collection<?> all = (Collection<?>) codecs.getMethod("all").invoke(defaults);
            assertThat(all).extracting(c -> c.getClass().getSimpleName())
                    .containsExactly("JsonCodec", "PlainCodec", "FormCodec");
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
