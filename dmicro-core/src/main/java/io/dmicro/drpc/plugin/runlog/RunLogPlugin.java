package io.dmicro.drpc.plugin.runlog;

import io.dmicro.drpc.AfterNewEndpoint;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.message.Message;
import io.dmicro.drpc.message.Meta;
import io.dmicro.drpc.plugin.AfterReadCallHeader;
import io.dmicro.drpc.plugin.AfterReadPushBody;
import io.dmicro.drpc.plugin.AfterReadPushHeader;
import io.dmicro.drpc.plugin.AfterReadReplyHeader;
import io.dmicro.drpc.plugin.AfterWriteCall;
import io.dmicro.drpc.plugin.AfterWritePush;
import io.dmicro.drpc.plugin.AfterWriteReply;
import io.dmicro.drpc.plugin.BeforeWriteCall;
import io.dmicro.drpc.plugin.BeforeWritePush;
import io.dmicro.drpc.plugin.ReadContext;
import io.dmicro.drpc.plugin.WriteContext;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.Status;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per call and push the way the original does (reference §3.2), through SLF4J
 * logger {@code io.dmicro.drpc.plugin.runlog.RunLogPlugin}:
 *
 * <pre>
 * CALL-&gt; 127.0.0.1:9090 1.204ms(fast) "/math/add" SEND(size=13 status=0) RECV(size=1 status=0)
 * CALL&lt;- 127.0.0.1:50312(real:10.0.0.9) 0.815ms(fast) "/math/add" RECV(size=13 status=0) SEND(size=1 status=0)
 * PUSH-&gt; 127.0.0.1:9090 0.092ms(fast) "/news/flash" SEND(size=7 status=0)
 * PUSH&lt;- 127.0.0.1:50312 0.301ms(fast) "/news/flash" RECV(size=7 status=0)
 * </pre>
 *
 * A call at or over the slow threshold is tagged {@code (slow)} and logged at WARN, the others at
 * INFO. Meta and bodies are added only with print-detail on. Both settings default to the
 * endpoint's {@code slowCallThreshold} and {@code printDetail}.
 */
public final class RunLogPlugin implements AfterNewEndpoint, BeforeWriteCall, AfterWriteCall, AfterReadReplyHeader,
        AfterReadCallHeader, AfterWriteReply, BeforeWritePush, AfterWritePush, AfterReadPushHeader, AfterReadPushBody {

    private static final Logger log = LoggerFactory.getLogger(RunLogPlugin.class);
    private static final String START = "drpc.runlog.start";
    private static final String FIRST = "drpc.runlog.first";
    private static final String METHOD = "drpc.runlog.method";
    private static final String REAL_IP = "drpc.runlog.realIp";
    private static final int MAX_BODY_CHARS = 1024;

    private final LongSupplier nanoTicker;
    private volatile @Nullable Duration slowThreshold;
    private volatile @Nullable Boolean printDetail;

    /** Takes the slow threshold and print-detail setting from the endpoint's configuration. */
    public RunLogPlugin() {
        this(null, null, System::nanoTime);
    }

    /**
     * @param slowThreshold calls at least this long are slow; zero means never; null takes the endpoint's
     * @param printDetail log meta and bodies; null takes the endpoint's
     * @param nanoTicker where costs are measured, in nanoseconds
     */
    public RunLogPlugin(@Nullable Duration slowThreshold, @Nullable Boolean printDetail, LongSupplier nanoTicker) {
        this.slowThreshold = slowThreshold;
        this.printDetail = printDetail;
        this.nanoTicker = nanoTicker;
    }

    @Override
    public String name() {
        return "runLog";
    }

    @Override
    public void afterNewEndpoint(Endpoint endpoint) {
        if (slowThreshold == null) {
            slowThreshold = endpoint.config().slowCallThreshold();
        }
        if (printDetail == null) {
            printDetail = endpoint.config().printDetail();
        }
    }

    // ---- CALL-> : our call and its reply --------------------------------------------------

    @Override
    public Status beforeWriteCall(WriteContext ctx) {
        ctx.attributes().put(START, nanoTicker.getAsLong());
        return Status.OK;
    }

    @Override
    public Status afterWriteCall(WriteContext ctx) {
        ctx.attributes().put(FIRST, describe(ctx.output()));
        return Status.OK;
    }

    @Override
    public Status afterReadReplyHeader(ReadContext ctx) {
        Object start = ctx.attributes().get(START);
        if (start instanceof Long s) {
            write("CALL->", ctx.session(), null, s, ctx.input().serviceMethod(),
                    "SEND(" + ctx.attributes().getOrDefault(FIRST, "") + ") RECV(" + describe(ctx.input()) + ")");
        }
        return Status.OK;
    }

    // ---- CALL<- : a call to us and our reply ----------------------------------------------

    @Override
    public Status afterReadCallHeader(ReadContext ctx) {
        ctx.attributes().put(START, nanoTicker.getAsLong());
        ctx.attributes().put(FIRST, describe(ctx.input()));
        ctx.attributes().put(METHOD, ctx.input().serviceMethod());
        String realIp = ctx.input().meta().get(Meta.REAL_IP);
        if (realIp != null) {
            ctx.attributes().put(REAL_IP, realIp);
        }
        return Status.OK;
    }

    @Override
    public Status afterWriteReply(WriteContext ctx) {
        Object start = ctx.attributes().get(START);
        Object received = ctx.attributes().get(FIRST);
        if (start instanceof Long s && received != null) {
            String called = (String) ctx.attributes().getOrDefault(METHOD, "");
            write("CALL<-", ctx.session(), (String) ctx.attributes().get(REAL_IP), s, called,
                    "RECV(" + received + ") SEND(" + describe(ctx.output()) + ")");
        }
        return Status.OK;
    }

    // ---- PUSH-> and PUSH<- ---------------------------------------------------------------

    @Override
    public Status beforeWritePush(WriteContext ctx) {
        ctx.attributes().put(START, nanoTicker.getAsLong());
        return Status.OK;
    }

    @Override
    public Status afterWritePush(WriteContext ctx) {
        Object start = ctx.attributes().get(START);
        if (start instanceof Long s) {
            write("PUSH->", ctx.session(), null, s, ctx.output().serviceMethod(), "SEND(" + describe(ctx.output()) + ")");
        }
        return Status.OK;
    }

    @Override
    public Status afterReadPushHeader(ReadContext ctx) {
        ctx.attributes().put(START, nanoTicker.getAsLong());
        ctx.attributes().put(FIRST, describe(ctx.input()));
        return Status.OK;
    }

    @Override
    public Status afterReadPushBody(ReadContext ctx) {
        Object start = ctx.attributes().get(START);
        if (start instanceof Long s) {
            write("PUSH<-", ctx.session(), ctx.input().meta().get(Meta.REAL_IP), s, ctx.input().serviceMethod(),
                    "RECV(" + ctx.attributes().get(FIRST) + ")");
        }
        return Status.OK;
    }

    // ---- formatting ----------------------------------------------------------------------

    private void write(String kind, Session session, @Nullable String realIp, long startNanos, String method, String detail) {
        long cost = Math.max(0, nanoTicker.getAsLong() - startNanos);
        Duration slow = slowThreshold;
        boolean isSlow = slow != null && !slow.isZero() && cost >= slow.toNanos();
        String addr = String.valueOf(session.remoteAddress()).replaceFirst("^[^/]*/", "");
        if (realIp != null && !realIp.isEmpty()) {
            addr += "(real:" + realIp + ")";
        }
        String line = kind + " " + addr + " " + String.format("%.3fms", cost / 1e6) + (isSlow ? "(slow)" : "(fast)")
                + " \"" + method + "\" " + detail;
        if (isSlow) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }

    private String describe(Message m) {
        Status s = m.status();
        StringBuilder b = new StringBuilder().append("size=").append(m.body().length).append(" status=").append(s.code());
        if (!s.isOk()) {
            b.append(' ').append(s.msg());
            if (s.cause() != null) {
                b.append(": ").append(s.cause());
            }
        }
        if (Boolean.TRUE.equals(printDetail)) {
            b.append(" meta=").append(m.meta());
            String body = new String(m.body(), java.nio.charset.StandardCharsets.UTF_8);
            b.append(" body=").append(body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "…" : body);
        }
        return b.toString();
    }
}
