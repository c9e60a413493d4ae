package io.dmicro.drpc.plugin;


/** Hook: after a listener is bound and before the first connection is accepted. A thrown exception fails the listen call. */
@FunctionalInterface
public interface AfterListen extends Plugin {

    void afterListen(java.net.SocketAddress address);
}
