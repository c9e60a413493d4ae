package io.dmicro.spring.cloud.etcd.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Turns a {@link ServiceRecord} into the JSON Go DMicro writes, and reads what Go (or anyone) wrote. */
public final class RecordCodec {

    private static final Logger log = LoggerFactory.getLogger(RecordCodec.class);

    private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public byte[] encode(ServiceRecord record) {
        return json.writeValueAsBytes(record);
    }

    /** The record in {@code value}, or empty (logged) for a value that is not one: a foreign key must not break discovery. */
    public Optional<ServiceRecord> decode(String key, byte[] value) {
        try {
            ServiceRecord record = json.readValue(value, ServiceRecord.class);
            if (record == null || record.name() == null) {
                log.debug("ignoring etcd key {}: its value has no service name", key);
                return Optional.empty();
            }
            return Optional.of(record);
        } catch (JacksonException e) {
            log.debug("ignoring etcd key {}: its value is not a service record ({}): {}", key, e.getOriginalMessage(),
                    new String(value, 0, Math.min(value.length, 200), StandardCharsets.UTF_8));
            return Optional.empty();
        }
    }
}
