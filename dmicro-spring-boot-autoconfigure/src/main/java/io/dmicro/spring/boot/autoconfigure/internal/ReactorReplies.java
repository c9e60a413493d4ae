package io.dmicro.spring.boot.autoconfigure.internal;

import io.dmicro.drpc.router.Router;
import reactor.core.publisher.Mono;

/** Lets {@code @DrpcService} methods return Reactor's {@code Mono}; loaded only when Reactor is present. */
final class ReactorReplies {

    private ReactorReplies() {
    }

    static void register(Router router) {
        // an empty Mono replies with an empty body, as a null return does
        router.adaptReplies(Mono.class, Mono::toFuture);
    }
}
