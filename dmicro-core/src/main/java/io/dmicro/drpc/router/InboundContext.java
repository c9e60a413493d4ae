package io.dmicro.drpc.router;

import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.session.Session;
import java.lang.reflect.Type;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What every handler knows about the message it handles. */
public interface InboundContext {

    Session session();

    /** The service method the message named. */
    String serviceMethod();

    int seq();

    /** The incoming meta, read-only. */
    Map<String, String> meta();

    /** The id of the codec the body came in (0 for raw bytes). */
    byte bodyCodec();

    /** The body as it arrived, before decoding. */
    byte[] bodyBytes();

    /** Decodes the body into another type (what unknown-route handlers use). */
    <T> @Nullable T decodeBody(Type type);

    /** {@code X-Real-IP} from the meta when a proxy set it, else the remote address. */
    String realIp();

    /** Attributes shared by the plugins and handler of this one message. */
    Map<String, Object> attributes();
}
