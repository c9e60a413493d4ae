package io.dmicro.drpc.plugin.proxy;

/**
 * What a proxy knows when it picks where to forward a message.
 *
 * @param sessionId the id of the session the message came in on
 * @param realIp the original caller's address: its {@code X-Real-IP}, else the remote address
 * @param serviceMethod the unknown route
 */
public record ProxyLabel(String sessionId, String realIp, String serviceMethod) {
}
