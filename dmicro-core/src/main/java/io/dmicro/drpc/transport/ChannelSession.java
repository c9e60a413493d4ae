package io.dmicro.drpc.transport;

import io.dmicro.drpc.session.Session;
import io.netty.channel.Channel;

/**
 * A session that runs on a Netty channel, as every session of the engine does. Reach the channel
 * through {@link SessionChannels#channel(Session)}; this type exists so that the engine can say so
 * without the transport package knowing the engine's session class.
 */
public interface ChannelSession extends Session {

    /** The channel the session currently runs on (a redial moves the session to a new one). */
    Channel channel();
}
