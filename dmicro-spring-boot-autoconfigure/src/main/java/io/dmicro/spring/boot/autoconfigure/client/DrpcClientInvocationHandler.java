package io.dmicro.spring.boot.autoconfigure.client;

import io.dmicro.drpc.client.ServiceClient;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Turns calls on a {@code @DrpcClient} proxy into drpc calls through a {@link ServiceClient}. */
final class DrpcClientInvocationHandler implements InvocationHandler {

    private final Class<?> type;
    private final ServiceClient caller;
    private final Map<Method, ClientMethod> methods;

    DrpcClientInvocationHandler(Class<?> type, ServiceClient caller, Map<Method, ClientMethod> methods) {
        this.type = type;
        this.caller = caller;
        this.methods = methods;
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
        ClientMethod m = methods.get(method);
        if (m == null) {
            throw new IllegalStateException("no route for " + method);
        }
        // a CompletableFuture method never blocks its caller: discovery and dials run elsewhere
        boolean mayBlock = m.mode() != ClientMethod.Mode.FUTURE;
        CompletableFuture<Object> reply = caller.call(m.route(), m.body(args), m.replyType(), m.options(args), mayBlock);
        return switch (m.mode()) {
            case FUTURE -> reply;
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

}
