package io.dmicro.spring.boot.autoconfigure.client;

import java.util.Map;
import java.util.function.ToIntFunction;
import org.springframework.cloud.client.ServiceInstance;

/**
 * What a {@link LoadBalancer} may look at when it picks an instance.
 *
 * @param serviceId the discovered service
 * @param route the route being called
 * @param meta the call's meta (a consistent hash reads its key here)
 * @param callsInFlight the calls waiting for replies on the session to an instance (0 without one)
 */
public record PickContext(String serviceId, String route, Map<String, String> meta, ToIntFunction<ServiceInstance> callsInFlight) {
}
