package io.dmicro.drpc.plugin;

import io.dmicro.drpc.AfterCloseEndpoint;
import io.dmicro.drpc.AfterNewEndpoint;
import io.dmicro.drpc.BeforeCloseEndpoint;
import io.dmicro.drpc.BeforeNewEndpoint;
import io.dmicro.drpc.Endpoint;
import io.dmicro.drpc.EndpointConfig;
import io.dmicro.drpc.internal.Addresses;
import io.dmicro.drpc.router.AfterRegRouter;
import io.dmicro.drpc.router.RouteInfo;
import io.dmicro.drpc.session.Session;
import io.dmicro.drpc.status.Status;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Implements all 27 hooks and records each call with its arguments, for tests of where hooks fire. */
final class RecordingPlugin implements BeforeNewEndpoint, AfterNewEndpoint, BeforeCloseEndpoint, AfterCloseEndpoint,
        AfterRegRouter, AfterListen, BeforeDial, AfterDial, AfterDialFail, AfterAccept, BeforeWriteCall, AfterWriteCall,
        BeforeWriteReply, AfterWriteReply, BeforeWritePush, AfterWritePush, BeforeReadHeader, AfterReadCallHeader,
        BeforeReadCallBody, AfterReadCallBody, AfterReadPushHeader, BeforeReadPushBody, AfterReadPushBody,
        AfterReadReplyHeader, BeforeReadReplyBody, AfterReadReplyBody, AfterDisconnect {

    static final int HOOK_COUNT = 27;

    private final String name;
    private final List<String> events = new ArrayList<>();

    RecordingPlugin(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The events without BeforeReadHeader, which fires on the I/O thread between the others. */
    synchronized List<String> eventsWithoutReadHeader() {
        return events.stream().filter(e -> !e.startsWith("BeforeReadHeader")).toList();
    }

    synchronized long count(String hook) {
        return events.stream().filter(e -> e.equals(hook) || e.startsWith(hook + " ")).count();
    }

    private synchronized void rec(String hook, Object... args) {
        StringBuilder b = new StringBuilder(hook);
        for (Object a : args) {
            b.append(' ').append(a);
        }
        events.add(b.toString());
    }

    private static String addr(@Nullable SocketAddress a) {
        return a == null ? "null" : Addresses.format(a);
    }

    @Override
    public void beforeNewEndpoint(EndpointConfig.Builder config, PluginContainer plugins) {
        rec("BeforeNewEndpoint", plugins.get(name) == this);
    }

    @Override
    public void afterNewEndpoint(Endpoint endpoint) {
        rec("AfterNewEndpoint", endpoint.plugins().get(name) == this);
    }

    @Override
    public void beforeCloseEndpoint(Endpoint endpoint) {
        rec("BeforeCloseEndpoint", endpoint.isClosed());
    }

    @Override
    public void afterCloseEndpoint(Endpoint endpoint, @Nullable Throwable error) {
        rec("AfterCloseEndpoint", error);
    }

    @Override
    public void afterRegRouter(RouteInfo route) {
        rec("AfterRegRouter", route.name(), route.kind());
    }

    @Override
    public void afterListen(SocketAddress address) {
        rec("AfterListen", addr(address));
    }

    @Override
    public Status beforeDial(String address, boolean isRedial) {
        rec("BeforeDial", address, isRedial);
        return Status.OK;
    }

    @Override
    public Status afterDial(EarlySession session, boolean isRedial) {
        rec("AfterDial", session.id(), addr(session.remoteAddress()), isRedial);
        return Status.OK;
    }

    @Override
    public Status afterDialFail(String address, Throwable error, boolean isRedial) {
        rec("AfterDialFail", address, error.getClass().getSimpleName(), isRedial);
        return Status.OK;
    }

    @Override
    public Status afterAccept(EarlySession session) {
        rec("AfterAccept", session.id(), addr(session.localAddress()));
        return Status.OK;
    }

    @Override
    public Status beforeWriteCall(WriteContext ctx) {
        rec("BeforeWriteCall", ctx.output().type(), ctx.output().serviceMethod(), ctx.output().seq() > 0);
        return Status.OK;
    }

    @Override
    public Status afterWriteCall(WriteContext ctx) {
        rec("AfterWriteCall", ctx.output().type(), ctx.output().serviceMethod());
        return Status.OK;
    }

    @Override
    public Status beforeWriteReply(WriteContext ctx) {
        rec("BeforeWriteReply", ctx.output().type(), ctx.output().status().code(), new String(ctx.output().body()));
        return Status.OK;
    }

    @Override
    public Status afterWriteReply(WriteContext ctx) {
        rec("AfterWriteReply", ctx.output().type(), ctx.output().status().code());
        return Status.OK;
    }

    @Override
    public Status beforeWritePush(WriteContext ctx) {
        rec("BeforeWritePush", ctx.output().type(), ctx.output().serviceMethod());
        return Status.OK;
    }

    @Override
    public Status afterWritePush(WriteContext ctx) {
        rec("AfterWritePush", ctx.output().type(), ctx.output().serviceMethod());
        return Status.OK;
    }

    @Override
    public Status beforeReadHeader(EarlySession session) {
        rec("BeforeReadHeader", session.id());
        return Status.OK;
    }

    @Override
    public Status afterReadCallHeader(ReadContext ctx) {
        rec("AfterReadCallHeader", ctx.input().type(), ctx.input().serviceMethod(), ctx.body());
        return Status.OK;
    }

    @Override
    public Status beforeReadCallBody(ReadContext ctx) {
        rec("BeforeReadCallBody", ctx.input().serviceMethod(), ctx.body());
        return Status.OK;
    }

    @Override
    public Status afterReadCallBody(ReadContext ctx) {
        rec("AfterReadCallBody", ctx.input().serviceMethod(), ctx.body());
        return Status.OK;
    }

    @Override
    public Status afterReadPushHeader(ReadContext ctx) {
        rec("AfterReadPushHeader", ctx.input().type(), ctx.input().serviceMethod());
        return Status.OK;
    }

    @Override
    public Status beforeReadPushBody(ReadContext ctx) {
        rec("BeforeReadPushBody", ctx.input().serviceMethod(), ctx.body());
        return Status.OK;
    }

    @Override
    public Status afterReadPushBody(ReadContext ctx) {
        rec("AfterReadPushBody", ctx.input().serviceMethod(), ctx.body());
        return Status.OK;
    }

    @Override
    public Status afterReadReplyHeader(ReadContext ctx) {
        rec("AfterReadReplyHeader", ctx.input().type(), ctx.input().serviceMethod(), ctx.input().status().code());
        return Status.OK;
    }

    @Override
    public Status beforeReadReplyBody(ReadContext ctx) {
        rec("BeforeReadReplyBody", ctx.input().serviceMethod(), ctx.body());
        return Status.OK;
    }

    @Override
    public Status afterReadReplyBody(ReadContext ctx) {
        rec("AfterReadReplyBody", ctx.input().serviceMethod(), ctx.body());
        return Status.OK;
    }

    @Override
    public Status afterDisconnect(Session session) {
        rec("AfterDisconnect", session.id(), session.state());
        return Status.OK;
    }
}
