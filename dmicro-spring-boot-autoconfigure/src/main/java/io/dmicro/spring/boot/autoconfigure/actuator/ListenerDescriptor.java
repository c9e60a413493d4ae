package io.dmicro.spring.boot.autoconfigure.actuator;

/**
 * One listener.
 *
 * @param uri the configured listen URI
 * @param boundAddress the address it is bound to ({@code host:port}, the real port when 0 was asked)
 */
public record ListenerDescriptor(String uri, String boundAddress) {
}
