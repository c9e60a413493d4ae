package io.dmicro.spring.boot.autoconfigure.actuator;

import java.util.List;

/**
 * What {@code /actuator/dmicro/sessions} shows.
 *
 * @param sessions the open sessions, oldest first
 */
public record SessionsDescriptor(List<SessionDescriptor> sessions) {
}
