package io.dmicro.drpc.router;

/** The context of an incoming push. */
public interface PushContext extends InboundContext {
}
