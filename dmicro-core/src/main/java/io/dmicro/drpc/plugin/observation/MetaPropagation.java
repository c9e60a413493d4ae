package io.dmicro.drpc.plugin.observation;

import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.Meta;
import io.micrometer.observation.transport.Propagator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Trace context in a message's meta: a tracer's propagator writes its fields ({@code traceparent},
 * {@code tracestate}, {@code baggage} for W3C) as meta entries and reads them back. Reading ignores
 * case, since the HTTP proto hands over header names as the client spelled them.
 */
final class MetaPropagation {

    static final Propagator.Setter<Message> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.meta().set(key, value);
        }
    };

    static final Propagator.Getter<Message> GETTER = MetaPropagation::get;

    private MetaPropagation() {
    }

    static @Nullable String get(Message carrier, String key) {
        Meta meta = carrier.meta();
        String exact = meta.get(key);
        if (exact != null || meta.isEmpty()) {
            return exact;
        }
        for (Map.Entry<String, String> e : meta.asMap().entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
