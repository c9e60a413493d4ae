package io.dmicro.protoc;

import io.dmicro.protoc.ServiceModel.RpcModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code <Service>DrpcClient}: a Spring {@code @DrpcClient} interface with blocking and
 * {@code CompletableFuture} methods per rpc. Its one abstract method per rpc is named like the Go
 * handler's method ({@code Add}), so the proxy's route comes from the endpoint's mapper exactly as
 * a Go peer's does; the idiomatic methods around it are defaults that set the protobuf codec and
 * turn an empty reply into the default instance.
 */
final class SpringClientWriter {

    private final ServiceModel service;
    private final JavaSource out;

    SpringClientWriter(ServiceModel service) {
        this.service = service;
        this.out = new JavaSource(service.javaPackage(), service.className(), service.className() + "Client");
    }

    String write() {
        String session = out.type("io.dmicro.drpc.session.Session");
        String callOptions = out.type("io.dmicro.drpc.session.CallOptions");
        String future = out.type("java.util.concurrent.CompletableFuture");
        String drpcClient = out.type("io.dmicro.spring.boot.autoconfigure.DrpcClient");
        String drpcRoute = out.type("io.dmicro.spring.boot.autoconfigure.DrpcRoute");
        String generated = out.type("javax.annotation.processing.Generated");
        String holder = service.className();
        List<String> doc = new ArrayList<>();
        doc.add("A Spring client of the {@code " + service.fullName() + "} service of {@code " + service.protoFile() + "}: inject it,");
        doc.add("and each call goes to an instance of service id {@code " + service.serviceId() + "} found through discovery");
        doc.add("(set with the {@code dmicro.service_id} option). Blocking and {@code CompletableFuture} methods per");
        doc.add("rpc; bodies use the protobuf codec unless the options name another, and an empty reply is the");
        doc.add("default instance.");
        DrpcClassWriter.addComment(doc, service.comment());
        out.javadoc(doc);
        out.line("@" + generated + "(\"protoc-gen-dmicro\")");
        out.line("@" + drpcClient + "(value = \"" + service.serviceId() + "\", service = " + holder + ".SERVICE_NAME)");
        out.open("public interface " + holder + "Client {");
        out.blank();
        for (RpcModel rpc : service.rpcs()) {
            String in = out.type(rpc.inputClass());
            String reply = out.type(rpc.outputClass());
            String name = rpc.javaName();
            String route = rpc.routesText(service.routeServiceName());

            List<String> d = new ArrayList<>();
            d.add("Calls {@code " + rpc.protoName() + "}: " + route + ". Waits for the reply.");
            DrpcClassWriter.addComment(d, rpc.comment());
            d.add("");
            d.add("@param request the request");
            d.add("@return the reply, never null");
            DrpcClassWriter.deprecatedTag(rpc, d);
            method(d, rpc, "default " + reply + " " + name + "(" + in + " request) {",
                    "return " + name + "(request, " + callOptions + ".DEFAULT);");

            d = new ArrayList<>();
            d.add("Calls {@code " + rpc.protoName() + "} with per-call options (timeout, meta) and waits for the reply.");
            d.add("");
            d.add("@param request the request");
            d.add("@param options the call's options; without a body codec, protobuf is used");
            d.add("@return the reply, never null");
            DrpcClassWriter.deprecatedTag(rpc, d);
            method(d, rpc, "default " + reply + " " + name + "(" + in + " request, " + callOptions + " options) {",
                    "return " + session + ".await(" + rpc.asyncName() + "(request, options));");

            d = new ArrayList<>();
            d.add("Calls {@code " + rpc.protoName() + "} without blocking the caller.");
            d.add("");
            d.add("@param request the request");
            d.add("@return the reply (never null), or the failure as a {@code DrpcException}");
            DrpcClassWriter.deprecatedTag(rpc, d);
            method(d, rpc, "default " + future + "<" + reply + "> " + rpc.asyncName() + "(" + in + " request) {",
                    "return " + rpc.asyncName() + "(request, " + callOptions + ".DEFAULT);");

            d = new ArrayList<>();
            d.add("Calls {@code " + rpc.protoName() + "} with per-call options without blocking the caller.");
            d.add("");
            d.add("@param request the request");
            d.add("@param options the call's options; without a body codec, protobuf is used");
            d.add("@return the reply (never null), or the failure as a {@code DrpcException}");
            DrpcClassWriter.deprecatedTag(rpc, d);
            method(d, rpc, "default " + future + "<" + reply + "> " + rpc.asyncName() + "(" + in + " request, " + callOptions + " options) {",
                    "return " + rpc.goName() + "(request, " + holder + ".protobuf(options))",
                    "        .thenApply(reply -> " + holder + ".orDefault(reply, " + reply + ".getDefaultInstance()));");

            d = new ArrayList<>();
            d.add("The call as the {@code @DrpcClient} proxy sends it, named like the Go handler's method so that the");
            d.add("endpoint's mapper gives what Go peers serve: " + route + ".");
            d.add("Call {@link #" + rpc.asyncName() + "(" + in + ", " + callOptions + ")} instead: it sets the codec"
                    + " and the default reply.");
            d.add("");
            d.add("@param request the request");
            d.add("@param options the call's options, sent as given");
            d.add("@return the reply; null for an empty body");
            DrpcClassWriter.deprecatedTag(rpc, d);
            out.javadoc(d);
            if (rpc.deprecated()) {
                out.line("@Deprecated");
            }
            if (rpc.hasExplicitRoute()) {
                out.line("@" + drpcRoute + "(" + holder + "." + DrpcClassWriter.constant(rpc) + "_ROUTE)");
            }
            out.line(future + "<" + reply + "> " + rpc.goName() + "(" + in + " request, " + callOptions + " options);");
            out.blank();
        }
        out.close("}");
        return out.toSource();
    }

    private void method(List<String> doc, RpcModel rpc, String signature, String... body) {
        out.javadoc(doc);
        if (rpc.deprecated()) {
            out.line("@Deprecated");
        }
        out.open(signature);
        for (String line : body) {
            out.line(line);
        }
        out.close("}");
        out.blank();
    }
}
