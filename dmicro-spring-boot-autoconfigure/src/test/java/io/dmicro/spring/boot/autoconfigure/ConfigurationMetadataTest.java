package io.dmicro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata an IDE completes from: sizes typed as DataSize, choices as enums, each hint value described. */
class ConfigurationMetadataTest {

    private static JsonNode metadata() throws Exception {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static JsonNode property(JsonNode metadata, String name) {
        for (JsonNode p : metadata.get("properties")) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no metadata for " + name);
    }

    @Test
    void sizesAreDataSizesAndChoicesAreEnums() throws Exception {
        JsonNode m = metadata();
        assertThat(property(m, "dmicro.endpoint.max-message-size").get("type").asString()).isEqualTo("org.springframework.util.unit.DataSize");
        assertThat(property(m, "dmicro.endpoint.max-message-size").get("defaultValue").asString()).isEqualTo("4MB");
        assertThat(property(m, "dmicro.endpoint.raw-dialect").get("type").asString()).isEqualTo("io.dmicro.drpc.proto.raw.RawDialect");
        assertThat(property(m, "dmicro.endpoint.mapper").get("type").asString()).endsWith("DmicroProperties$RouteMapper");
        assertThat(property(m, "dmicro.endpoint.tls.client-auth").get("type").asString()).endsWith("DmicroProperties$ClientAuth");
        assertThat(property(m, "dmicro.endpoint.ssl.bundle").get("description").asString()).contains("SSL bundle");
        assertThat(property(m, "dmicro.client.ssl.bundle")).isNotNull();
    }

    @Test
    void everyHintValueCarriesADescription() throws Exception {
        int values = 0;
        for (JsonNode hint : metadata().get("hints")) {
            for (JsonNode value : hint.path("values")) {
                assertThat(value.path("description").asString("")).as(hint.get("name") + " " + value.get("value")).isNotBlank();
                values++;
            }
        }
        assertThat(values).isGreaterThanOrEqualTo(20);
    }
}
