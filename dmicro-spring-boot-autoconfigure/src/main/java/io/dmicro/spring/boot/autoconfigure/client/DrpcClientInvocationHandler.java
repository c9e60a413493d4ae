package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.client.ServiceClient;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Turns calls on a {@code @DrpcClient} proxy into drpc calls through a {@link ServiceClient}. */
final class DrpcClientInvocationHandler implements InvocationHandler {

    private final Class<?> type;
    private final ServiceClient caller;
    private final Map<Method, ClientMethod> methods;
    private final Map<Method, ClientFallback> fallbacks;

    /**
     * The proxy's own {@code Method} objects (one per interface method, passed on every call) to
     * their {@link ClientMethod}, by identity: {@code Method.hashCode} hashes two names per lookup,
     * 3-4% of a Spring client's CPU at 128 callers. Copied on write; two racing writers may drop
     * each other's entry, which is then looked up again.
     */
    private volatile Map<Method, ClientMethod> byIdentity = new IdentityHashMap<>();

    DrpcClientInvocationHandler(Class<?> type, ServiceClient caller, Map<Method, ClientMethod> methods,
            Map<Method, ClientFallback> fallbacks) {
        this.type = type;
        this.caller = caller;
        this.methods = methods;
        this.fallbacks = fallbacks;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args != null && proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "DrpcClient[" + type.getName() + " -> " + caller.service() + "]";
                default -> throw new UnsupportedOperationException(method.toString());
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        ClientMethod m = clientMethod(method);
        ClientFallback fallback = fallbacks.isEmpty() ? null : fallbacks.get(method);
        if (m.mode() == ClientMethod.Mode.MONO) {
            // cold, as a Mono should be: each subscription calls, and none blocks its thread
            Object body = m.body(args);
            io.dmicro.drpc.session.CallOptions options = m.options(args);
            if (fallback != null) {
                return ReactorCalls.mono(() -> caller.call(m.route(), body, m.replyType(), options, false)
                        .exceptionallyCompose(e -> fallback.answerMono(proxy, args, io.dmicro.drpc.client.PeerSessions.unwrap(e))));
            }
            return ReactorCalls.mono(() -> caller.call(m.route(), body, m.replyType(), options, false));
        }
        // a CompletableFuture method never blocks its caller: discovery and dials run elsewhere
        boolean mayBlock = m.mode() != ClientMethod.Mode.FUTURE;
        CompletableFuture<Object> reply = caller.call(m.route(), m.body(args), m.replyType(), m.options(args), mayBlock);
        if (fallback != null) {
            if (m.mode() == ClientMethod.Mode.FUTURE) {
                return reply.exceptionallyCompose(e -> fallback.answerAsync(proxy, args, io.dmicro.drpc.client.PeerSessions.unwrap(e)));
            }
            try {
                Session.await(reply);
            } catch (RuntimeException e) {
                return fallback.answer(proxy, args, e);
            }
        }
        return switch (m.mode()) {
            case FUTURE, MONO -> reply;
            case VOID -> {
                Session.await(reply);
                yield null;
            }
            case BLOCKING -> {
                Object value = Session.await(reply);
                if (value == null && method.getReturnType().isPrimitive()) {
                    throw new DrpcException(Status.withCause(Status.BAD_MESSAGE, m.route() + " replied with an empty body where "
                            + method.getReturnType() + " was expected"));
                }
                yield value;
            }
        };
    }

    private ClientMethod clientMethod(Method method) {
        ClientMethod m = byIdentity.get(method);
        if (m != null) {
            return m;
        }
        m = methods.get(method);
        if (m == null) {
            throw new IllegalStateException("no route for " + method);
        }
        Map<Method, ClientMethod> next = new IdentityHashMap<>(byIdentity);
        next.put(method, m);
        byIdentity = next;
        return m;
    }
}
