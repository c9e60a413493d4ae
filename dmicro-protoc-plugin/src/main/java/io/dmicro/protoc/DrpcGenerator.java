package io.dmicro.protoc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code CodeGeneratorRequest} into Java files: for each {@code service} of each file to
 * generate, {@code <Service>Drpc} (the service interface, its binding, the plain-core stub) and,
 * unless {@code spring=false}, {@code <Service>DrpcClient} (a Spring {@code @DrpcClient}). Output
 * depends only on the request, in .proto order, so two runs give the same bytes.
 */
final class DrpcGenerator {

    /** Field numbers of dmicro/options.proto. */
    static final int SERVICE_ID_OPTION = 51701;
    static final int SERVICE_NAME_OPTION = 51702;
    static final int ROUTE_OPTION = 51711;

    private static final int SERVICE_FIELD = 6; // FileDescriptorProto.service
    private static final int METHOD_FIELD = 2; // ServiceDescriptorProto.method

    CodeGeneratorResponse generate(CodeGeneratorRequest request) {
        CodeGeneratorResponse.Builder response = CodeGeneratorResponse.newBuilder()
                .setSupportedFeatures(CodeGeneratorResponse.Feature.FEATURE_PROTO3_OPTIONAL_VALUE
                        | CodeGeneratorResponse.Feature.FEATURE_SUPPORTS_EDITIONS_VALUE)
                .setMinimumEdition(com.google.protobuf.DescriptorProtos.Edition.EDITION_PROTO2_VALUE)
                .setMaximumEdition(com.google.protobuf.DescriptorProtos.Edition.EDITION_2023_VALUE);
        try {
            Parameters parameters = Parameters.parse(request.getParameter());
            JavaTypes types = new JavaTypes(request.getProtoFileList());
            Map<String, FileDescriptorProto> files = new HashMap<>();
            request.getProtoFileList().forEach(f -> files.put(f.getName(), f));
            for (String name : request.getFileToGenerateList()) {
                FileDescriptorProto file = files.get(name);
                for (int i = 0; i < file.getServiceCount(); i++) {
                    ServiceModel service = model(file, i, types, parameters);
                    String dir = service.javaPackage().isEmpty() ? "" : service.javaPackage().replace('.', '/') + "/";
                    response.addFile(CodeGeneratorResponse.File.newBuilder()
                            .setName(dir + service.className() + ".java")
                            .setContent(new DrpcClassWriter(service).write()));
                    if (parameters.spring()) {
                        response.addFile(CodeGeneratorResponse.File.newBuilder()
                                .setName(dir + service.className() + "Client.java")
                                .setContent(new SpringClientWriter(service).write()));
                    }
                }
            }
        } catch (GenerationException e) {
            return CodeGeneratorResponse.newBuilder().setError("protoc-gen-dmicro: " + e.getMessage()).build();
        }
        return response.build();
    }

    private static ServiceModel model(FileDescriptorProto file, int index, JavaTypes types, Parameters parameters) {
        ServiceDescriptorProto service = file.getService(index);
        String fullName = file.getPackage().isEmpty() ? service.getName() : file.getPackage() + "." + service.getName();
        String routeService = stringOption(service.getOptions().getUnknownFields(), SERVICE_NAME_OPTION);
        if (routeService.isEmpty()) {
            routeService = Names.goCamelCase(service.getName());
        }
        String serviceId = stringOption(service.getOptions().getUnknownFields(), SERVICE_ID_OPTION);
        if (serviceId.isEmpty()) {
            serviceId = Names.kebab(service.getName());
        }
        List<ServiceModel.RpcModel> rpcs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int m = 0; m < service.getMethodCount(); m++) {
            MethodDescriptorProto method = service.getMethod(m);
            if (method.getClientStreaming() || method.getServerStreaming()) {
                if (parameters.skipStreaming()) {
                    skipped.add(method.getName());
                    continue;
                }
                throw new GenerationException(file.getName() + ": rpc " + fullName + "." + method.getName() + " is "
                        + streamingKind(method) + ", and drpc has no streams: a call has one request and one reply. Make it unary, "
                        + "send server-to-client messages as pushes (Session.push to a route the client serves), or pass the "
                        + "plugin option streaming=skip to generate the other rpcs and leave this one out.");
            }
            rpcs.add(new ServiceModel.RpcModel(method.getName(), Names.goCamelCase(method.getName()), Names.javaMethod(method.getName()),
                    types.javaClass(method.getInputType()), types.javaClass(method.getOutputType()),
                    stringOption(method.getOptions().getUnknownFields(), ROUTE_OPTION),
                    comment(file, SERVICE_FIELD, index, METHOD_FIELD, m), method.getOptions().getDeprecated()));
        }
        checkDistinct(file, fullName, rpcs);
        return new ServiceModel(file.getName(), fullName, JavaTypes.javaPackage(file), Names.goCamelCase(service.getName()) + "Drpc",
                routeService, serviceId, comment(file, SERVICE_FIELD, index), service.getOptions().getDeprecated(), List.copyOf(rpcs),
                List.copyOf(skipped));
    }

    private static void checkDistinct(FileDescriptorProto file, String service, List<ServiceModel.RpcModel> rpcs) {
        Map<String, String> seen = new HashMap<>();
        for (ServiceModel.RpcModel rpc : rpcs) {
            String before = seen.put(rpc.javaName(), rpc.protoName());
            if (before != null) {
                throw new GenerationException(file.getName() + ": rpcs " + before + " and " + rpc.protoName() + " of " + service
                        + " both become the Java method " + rpc.javaName() + "; rename one");
            }
        }
    }

    private static String streamingKind(MethodDescriptorProto method) {
        if (method.getClientStreaming() && method.getServerStreaming()) {
            return "bidirectional-streaming";
        }
        return method.getClientStreaming() ? "client-streaming" : "server-streaming";
    }

    /** A string extension of an options message, read from its unknown fields (the last value wins, as protobuf merges). */
    private static String stringOption(UnknownFieldSet fields, int number) {
        UnknownFieldSet.Field field = fields.getField(number);
        List<ByteString> values = field.getLengthDelimitedList();
        return values.isEmpty() ? "" : values.get(values.size() - 1).toStringUtf8();
    }

    /** The leading (else trailing) comment of the element at {@code path}, or "". */
    private static String comment(FileDescriptorProto file, int... path) {
        for (SourceCodeInfo.Location location : file.getSourceCodeInfo().getLocationList()) {
            if (location.getPathCount() != path.length) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < path.length && same; i++) {
                same = location.getPath(i) == path[i];
            }
            if (same) {
                return location.hasLeadingComments() ? location.getLeadingComments() : location.getTrailingComments();
            }
        }
        return "";
    }
}
