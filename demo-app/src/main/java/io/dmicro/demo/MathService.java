package io.dmicro.demo;

import io.dmicro.drpc.router.CallContext;
import io.dmicro.spring.boot.autoconfigure.DrpcService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /math/add}: {@code {"a":1,"b":2}} answers {@code 3}. Routed on both roles: any peer can add. */
@DrpcService
public class MathService {

    private static final Logger log = LoggerFactory.getLogger(MathService.class);

    public int add(CallContext ctx, Args args) {
        log.info("/math/add {} + {} from session {}", args.a(), args.b(), ctx.session().id());
        return args.a() + args.b();
    }
}
