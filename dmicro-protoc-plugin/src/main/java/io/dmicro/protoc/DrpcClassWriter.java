package io.dmicro.protoc;

import io.dmicro.protoc.ServiceModel.RpcModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code <Service>Drpc}: the route names, the {@code Service} interface to implement and
 * its {@code bind}ing onto a {@code Router}, and the {@code Stub} that calls over a
 * {@code Session}. Everything it uses is dmicro-core's public API.
 */
final class DrpcClassWriter {

    private final ServiceModel service;
    private final JavaSource out;
    private final String session;
    private final String router;
    private final String mapper;
    private final String callOptions;
    private final String callContext;
    private final String completableFuture;
    private final String completionStage;
    private final String list;

    DrpcClassWriter(ServiceModel service) {
        this.service = service;
        this.out = new JavaSource(service.javaPackage(), service.className(), "Service", "Stub");
        // the framework's names are claimed first, so a message with the same simple name is written in full
        this.session = out.type("io.dmicro.drpc.session.Session");
        this.router = out.type("io.dmicro.drpc.router.Router");
        this.mapper = out.type("io.dmicro.drpc.router.ServiceMethodMapper");
        this.callOptions = out.type("io.dmicro.drpc.session.CallOptions");
        this.callContext = out.type("io.dmicro.drpc.router.CallContext");
        this.completableFuture = out.type("java.util.concurrent.CompletableFuture");
        this.completionStage = out.type("java.util.concurrent.CompletionStage");
        this.list = out.type("java.util.List");
    }

    String write() {
        String generated = out.type("javax.annotation.processing.Generated");
        String name = service.className();
        List<String> doc = new ArrayList<>();
        doc.add("drpc bindings of the {@code " + service.fullName() + "} service of {@code " + service.protoFile() + "}:");
        doc.add("{@link Service} to implement and {@link #bind} onto a {@code Router} (or register as a Spring");
        doc.add("{@code @DrpcService}), and {@link Stub} to call it over a {@code Session}.");
        addComment(doc, service.comment());
        if (service.deprecated()) {
            doc.add("");
            doc.add("<p>The service is marked deprecated in the .proto.");
        }
        doc.add("");
        doc.add("<p>Routes are named by the endpoint's mapper from the names a Go DMicro handler has for this");
        doc.add("service ({@value #SERVICE_NAME} and the rpc names), so Go peers and this code agree. Bodies use the");
        doc.add("protobuf codec; an empty body is the message's default instance.");
        out.javadoc(doc);
        out.line("@" + generated + "(\"protoc-gen-dmicro\")");
        out.open("public final class " + name + " {");
        out.blank();
        constants();
        out.line("private " + name + "() {");
        out.line("}");
        out.blank();
        routeMethod();
        bindMethod();
        stubFactories();
        helpers();
        serviceInterface();
        stubClass();
        out.close("}");
        return out.toSource();
    }

    private void constants() {
        out.javadoc(List.of("The service's name in routes, before the endpoint's mapper: the Go handler struct's name."));
        out.line("public static final String SERVICE_NAME = \"" + service.routeServiceName() + "\";");
        out.blank();
        for (RpcModel rpc : service.rpcs()) {
            if (rpc.hasExplicitRoute()) {
                out.javadoc(List.of("The route of {@code " + rpc.protoName() + "}, fixed by its {@code dmicro.route} option."));
                out.line("public static final String " + constant(rpc) + "_ROUTE = \"" + rpc.explicitRoute() + "\";");
            } else {
                out.javadoc(List.of("The name of {@code " + rpc.protoName() + "} in routes, before the mapper: the Go handler's method name."));
                out.line("public static final String " + constant(rpc) + "_METHOD = \"" + rpc.goName() + "\";");
            }
            out.blank();
        }
        for (String skipped : service.skipped()) {
            out.line("// rpc " + skipped + " is streaming and was left out (streaming=skip)");
            out.blank();
        }
        out.line("private static final String PROTOBUF_CODEC = \"protobuf\";");
        out.blank();
    }

    private void routeMethod() {
        out.javadoc(List.of("The routes of this service's rpcs under {@code mapper}, in .proto order: with the default HTTP-style",
                "mapper {@code /" + "snake_case/names}, with the RPC-style one {@code " + service.routeServiceName() + ".Method}."));
        out.open("public static " + list + "<String> routes(" + mapper + " mapper) {");
        List<String> items = new ArrayList<>();
        for (RpcModel rpc : service.rpcs()) {
            items.add(routeExpression(rpc, "mapper"));
        }
        if (items.isEmpty()) {
            out.line("return " + list + ".of();");
        } else {
            out.line("return " + list + ".of(");
            for (int i = 0; i < items.size(); i++) {
                out.line("        " + items.get(i) + (i + 1 < items.size() ? "," : ");"));
            }
        }
        out.close("}");
        out.blank();
    }

    private String routeExpression(RpcModel rpc, String mapperVariable) {
        return rpc.hasExplicitRoute() ? constant(rpc) + "_ROUTE"
                : mapperVariable + ".map(" + mapperVariable + ".map(\"\", SERVICE_NAME), " + constant(rpc) + "_METHOD)";
    }

    private void bindMethod() {
        out.javadoc(List.of("Routes {@code service}'s rpcs on {@code router}, named by the router's mapper (under its prefix, if it",
                "is a sub-router), and returns the route names. A request with an empty body reaches the service as the",
                "default instance."));
        out.open("public static " + list + "<String> bind(" + router + " router, Service service) {");
        if (service.rpcs().isEmpty()) {
            out.line("return " + list + ".of();");
            out.close("}");
            out.blank();
            return;
        }
        out.line(mapper + " mapper = router.mapper();");
        out.line(list + "<String> routes = new " + out.type("java.util.ArrayList") + "<>();");
        for (RpcModel rpc : service.rpcs()) {
            String in = out.type(rpc.inputClass());
            out.line("routes.add(router.routeCallFunc(" + routeExpression(rpc, "mapper") + ", " + in + ".class,");
            out.line("        (context, request) -> service." + rpc.asyncName() + "(context, request(context, request, "
                    + in + ".getDefaultInstance()))));");
        }
        out.line("return " + list + ".copyOf(routes);");
        out.close("}");
        out.blank();
    }

    private void stubFactories() {
        out.javadoc(List.of("A stub calling this service over {@code session}, with routes named by the default HTTP-style mapper."));
        out.open("public static Stub newStub(" + session + " session) {");
        out.line("return new Stub(session, " + mapper + ".HTTP, " + callOptions + ".DEFAULT);");
        out.close("}");
        out.blank();
        out.javadoc(List.of("A stub calling this service over {@code session}, with routes named by {@code mapper}",
                "(the peer's: {@code endpoint.router().mapper()} when both ends share the setting)."));
        out.open("public static Stub newStub(" + session + " session, " + mapper + " mapper) {");
        out.line("return new Stub(session, mapper, " + callOptions + ".DEFAULT);");
        out.close("}");
        out.blank();
    }

    private void helpers() {
        out.javadoc(List.of("{@code options} with the protobuf body codec, unless they name a codec already."));
        out.open("static " + callOptions + " protobuf(" + callOptions + " options) {");
        out.line("return options.bodyCodec() == null ? options.withBodyCodec(PROTOBUF_CODEC) : options;");
        out.close("}");
        out.blank();
        String status = out.type("io.dmicro.drpc.status.Status");
        out.javadoc(List.of("The request a service method gets: never null (an empty body is the default instance), and only",
                "from a protobuf body, since another codec cannot make a protobuf message."));
        out.open("static <T> T request(" + callContext + " context, T message, T defaultInstance) {");
        out.open("if (context.bodyCodec() != " + out.type("io.dmicro.drpc.codec.ProtobufCodec") + ".ID && context.bodyBytes().length > 0) {");
        out.line("throw new " + out.type("io.dmicro.drpc.status.DrpcException") + "(" + status + ".withCause(" + status
                + ".BAD_MESSAGE, context.serviceMethod()");
        out.line("        + \" takes a protobuf body, not body codec \" + (char) context.bodyCodec()));");
        out.close("}");
        out.line("return orDefault(message, defaultInstance);");
        out.close("}");
        out.blank();
        out.javadoc(List.of("An empty protobuf body decodes to null; this makes it the default instance."));
        out.open("static <T> T orDefault(T message, T defaultInstance) {");
        out.line("return message == null ? defaultInstance : message;");
        out.close("}");
        out.blank();
    }

    private void serviceInterface() {
        List<String> doc = new ArrayList<>();
        doc.add("The {@code " + service.fullName() + "} service, to implement: one method per rpc. Route an");
        doc.add("implementation with {@link #bindTo} (or {@link " + service.className() + "#bind}); in Spring, annotate it");
        doc.add("{@code @DrpcService} and it names its own routes. Throw a {@code DrpcException} to reply with its");
        doc.add("status; any other exception replies 500.");
        out.javadoc(doc);
        out.open("public interface Service extends " + out.type("io.dmicro.drpc.router.BindableService") + " {");
        out.blank();
        for (RpcModel rpc : service.rpcs()) {
            String in = out.type(rpc.inputClass());
            String reply = out.type(rpc.outputClass());
            List<String> rdoc = new ArrayList<>();
            rdoc.add("Answers {@code " + rpc.protoName() + "}: " + rpc.routesText(service.routeServiceName()) + ".");
            addComment(rdoc, rpc.comment());
            rdoc.add("");
            rdoc.add("@param context the call: its session, meta, and the reply's meta");
            rdoc.add("@param request the request, never null");
            rdoc.add("@return the reply; null sends an empty body, which the caller reads as the default instance");
            deprecatedTag(rpc, rdoc);
            out.javadoc(rdoc);
            deprecatedAnnotation(rpc);
            out.line(reply + " " + rpc.javaName() + "(" + callContext + " context, " + in + " request);");
            out.blank();
            List<String> adoc = new ArrayList<>();
            adoc.add("Answers {@code " + rpc.protoName() + "} without holding the handler thread: override it to reply");
            adoc.add("later. By default it calls {@link #" + rpc.javaName() + "} and replies with what that returns.");
            adoc.add("");
            adoc.add("@param context the call");
            adoc.add("@param request the request, never null");
            adoc.add("@return the reply, once known");
            deprecatedTag(rpc, adoc);
            out.javadoc(adoc);
            deprecatedAnnotation(rpc);
            out.open("default " + completionStage + "<" + reply + "> " + rpc.asyncName() + "(" + callContext + " context, "
                    + in + " request) {");
            out.line("return " + completableFuture + ".completedFuture(" + rpc.javaName() + "(context, request));");
            out.close("}");
            out.blank();
        }
        out.javadoc(List.of("Routes this service's rpcs on {@code router}; see {@link " + service.className() + "#bind}."));
        out.line("@Override");
        out.open("default " + list + "<String> bindTo(" + router + " router) {");
        out.line("return bind(router, this);");
        out.close("}");
        out.close("}");
        out.blank();
    }

    private void stubClass() {
        List<String> doc = new ArrayList<>();
        doc.add("Calls the {@code " + service.fullName() + "} service over one {@code Session}, blocking or with a");
        doc.add("{@code CompletableFuture}. Bodies use the protobuf codec unless the stub's options name another; an");
        doc.add("empty reply is the default instance. Failures carry the peer's {@code Status} in a {@code DrpcException}");
        doc.add("(408 on timeout, 102 when the connection closed first). Immutable and thread-safe.");
        out.javadoc(doc);
        out.open("public static final class Stub {");
        out.blank();
        out.line("private final " + session + " session;");
        out.line("private final " + mapper + " mapper;");
        out.line("private final " + callOptions + " options;");
        for (RpcModel rpc : service.rpcs()) {
            out.line("private final String " + rpc.baseName() + "Route;");
        }
        out.blank();
        out.open("private Stub(" + session + " session, " + mapper + " mapper, " + callOptions + " options) {");
        out.line("this.session = session;");
        out.line("this.mapper = mapper;");
        out.line("this.options = options;");
        for (RpcModel rpc : service.rpcs()) {
            out.line("this." + rpc.baseName() + "Route = " + routeExpression(rpc, "mapper") + ";");
        }
        out.close("}");
        out.blank();
        out.javadoc(List.of("A stub like this one whose calls use {@code newOptions}: timeout, meta, filters, codec."));
        out.open("public Stub withOptions(" + callOptions + " newOptions) {");
        out.line("return new Stub(session, mapper, newOptions);");
        out.close("}");
        out.blank();
        for (RpcModel rpc : service.rpcs()) {
            String in = out.type(rpc.inputClass());
            String reply = out.type(rpc.outputClass());
            List<String> sdoc = new ArrayList<>();
            sdoc.add("Calls {@code " + rpc.protoName() + "}: " + rpc.routesText(service.routeServiceName()) + ". Waits for the reply.");
            addComment(sdoc, rpc.comment());
            sdoc.add("");
            sdoc.add("@param request the request");
            sdoc.add("@return the reply, never null");
            sdoc.add("@throws " + out.type("io.dmicro.drpc.status.DrpcException") + " with the peer's status, or 408/102");
            deprecatedTag(rpc, sdoc);
            out.javadoc(sdoc);
            deprecatedAnnotation(rpc);
            out.open("public " + reply + " " + rpc.javaName() + "(" + in + " request) {");
            out.line("return " + session + ".await(" + rpc.asyncName() + "(request));");
            out.close("}");
            out.blank();
            List<String> adoc = new ArrayList<>();
            adoc.add("Calls {@code " + rpc.protoName() + "}; the future completes on the connection's I/O thread.");
            adoc.add("");
            adoc.add("@param request the request");
            adoc.add("@return the reply (never null), or the failure as a {@code DrpcException}");
            deprecatedTag(rpc, adoc);
            out.javadoc(adoc);
            deprecatedAnnotation(rpc);
            out.open("public " + completableFuture + "<" + reply + "> " + rpc.asyncName() + "(" + in + " request) {");
            out.line("return session.<" + reply + ">call(" + rpc.baseName() + "Route, request, " + reply + ".class, protobuf(options))");
            out.line("        .thenApply(reply -> orDefault(reply, " + reply + ".getDefaultInstance()));");
            out.close("}");
            out.blank();
        }
        out.close("}");
    }

    static String constant(RpcModel rpc) {
        StringBuilder outName = new StringBuilder();
        String go = rpc.goName();
        for (int i = 0; i < go.length(); i++) {
            char c = go.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && !Character.isUpperCase(go.charAt(i - 1))) {
                outName.append('_');
            }
            outName.append(Character.toUpperCase(c));
        }
        return outName.toString();
    }

    static void addComment(List<String> doc, String comment) {
        List<String> lines = Javadoc.lines(comment);
        boolean paragraph = true;
        for (String line : lines) {
            if (line.isEmpty()) {
                paragraph = true;
            } else {
                if (paragraph) {
                    doc.add("");
                }
                doc.add(paragraph ? "<p>" + line : line);
                paragraph = false;
            }
        }
    }

    static void deprecatedTag(RpcModel rpc, List<String> doc) {
        if (rpc.deprecated()) {
            doc.add("@deprecated the rpc is marked deprecated in the .proto");
        }
    }

    private void deprecatedAnnotation(RpcModel rpc) {
        if (rpc.deprecated()) {
            out.line("@Deprecated");
        }
    }
}
