package io.dmicro.drpc.plugin.ignorecase;

import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.status.Status;
import java.util.Locale;

/**
 * Matches routes without regard to case: lower-cases the service method of every incoming call
 * and push before the route lookup (reference §14.4). Routes must be registered in lower case,
 * which the default HTTP-style mapper already does.
 */
public final class IgnoreCase implements AfterReadCallHeader, AfterReadPushHeader {

    @Override
    public String name() {
        return "ignoreCase";
    }

    @Override
    public Status afterReadCallHeader(ReadContext ctx) {
        lower(ctx);
        return Status.OK;
    }

    @Override
    public Status afterReadPushHeader(ReadContext ctx) {
        lower(ctx);
        return Status.OK;
    }

    private static void lower(ReadContext ctx) {
        String method = ctx.input().serviceMethod();
        String lower = method.toLowerCase(Locale.ROOT);
        if (!lower.equals(method)) {
            ctx.input().serviceMethod(lower);
        }
    }
}
