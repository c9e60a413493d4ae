package io.dmicro.protoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceOptions;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The generator on descriptors built in the test: what it writes, and what it refuses. */
class DrpcGeneratorTest {

    private static MethodDescriptorProto rpc(String name, String in, String out) {
        return MethodDescriptorProto.newBuilder().setName(name).setInputType(in).setOutputType(out).build();
    }

    private static FileDescriptorProto.Builder file(ServiceDescriptorProto.Builder service) {
        return FileDescriptorProto.newBuilder().setName("demo/calc_api.proto").setPackage("demo").setSyntax("proto3")
                .setOptions(FileOptions.newBuilder().setJavaPackage("com.example.calc"))
                .addMessageType(DescriptorProto.newBuilder().setName("Req"))
                .addMessageType(DescriptorProto.newBuilder().setName("Rep")
                        .addNestedType(DescriptorProto.newBuilder().setName("Part")))
                .addService(service);
    }

    private static ServiceDescriptorProto.Builder calc(MethodDescriptorProto... rpcs) {
        ServiceDescriptorProto.Builder s = ServiceDescriptorProto.newBuilder().setName("Calc");
        for (MethodDescriptorProto r : rpcs) {
            s.addMethod(r);
        }
        return s;
    }

    private static CodeGeneratorResponse generate(FileDescriptorProto file, String parameter) throws IOException {
        CodeGeneratorRequest request = CodeGeneratorRequest.newBuilder().addFileToGenerate(file.getName()).addProtoFile(file)
                .setParameter(parameter).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtocGenDmicro.run(new ByteArrayInputStream(request.toByteArray()), out);
        return CodeGeneratorResponse.parseFrom(out.toByteArray());
    }

    private static String content(CodeGeneratorResponse response, String name) {
        return response.getFileList().stream().filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no file " + name + " in " + response.getFileList())).getContent();
    }

    @Test
    void writesTheHolderAndTheSpringClientPerService() throws IOException {
        CodeGeneratorResponse response = generate(file(calc(rpc("Add", ".demo.Req", ".demo.Rep"))).build(), "");
        assertThat(response.getError()).isEmpty();
        assertThat(response.getFileList()).extracting(CodeGeneratorResponse.File::getName)
                .containsExactly("com/example/calc/CalcDrpc.java", "com/example/calc/CalcDrpcClient.java");
        String holder = content(response, "com/example/calc/CalcDrpc.java");
        assertThat(holder).contains("package com.example.calc;", "public final class CalcDrpc {",
                "public static final String SERVICE_NAME = \"Calc\";", "public static final String ADD_METHOD = \"Add\";",
                "Rep add(CallContext context, Req request);", "public static final class Stub {");
        // no java_multiple_files: the messages are nested in the outer class protobuf-java names after the file
        assertThat(holder).contains("import com.example.calc.CalcApi.Rep;");
        assertThat(content(response, "com/example/calc/CalcDrpcClient.java"))
                .contains("@DrpcClient(value = \"calc\", service = CalcDrpc.SERVICE_NAME)",
                        "CompletableFuture<Rep> Add(Req request, CallOptions options);");
    }

    @Test
    void nestedMessagesAndAnOuterClassThatWouldClashWithAMessage() throws IOException {
        FileDescriptorProto f = file(calc(rpc("Split", ".demo.Rep.Part", ".demo.Rep.Part")))
                .addMessageType(DescriptorProto.newBuilder().setName("CalcApi")).build();
        String holder = content(generate(f, "spring=false"), "com/example/calc/CalcDrpc.java");
        assertThat(holder).contains("import com.example.calc.CalcApiOuterClass.Rep.Part;", "Part split(CallContext context, Part request);");
    }

    @Test
    void refusesStreamingRpcsNamingTheRpcAndTheWayOut() throws IOException {
        MethodDescriptorProto watch = rpc("Watch", ".demo.Req", ".demo.Rep").toBuilder().setServerStreaming(true).build();
        MethodDescriptorProto upload = rpc("Upload", ".demo.Req", ".demo.Rep").toBuilder().setClientStreaming(true).build();
        CodeGeneratorResponse refused = generate(file(calc(rpc("Add", ".demo.Req", ".demo.Rep"), watch)).build(), "");
        assertThat(refused.getError()).contains("demo/calc_api.proto: rpc demo.Calc.Watch is server-streaming",
                "Session.push", "streaming=skip");
        assertThat(refused.getFileList()).isEmpty();
        assertThat(generate(file(calc(upload)).build(), "").getError()).contains("client-streaming");
        assertThat(generate(file(calc(upload.toBuilder().setServerStreaming(true).build())).build(), "").getError())
                .contains("bidirectional-streaming");

        CodeGeneratorResponse skipped = generate(file(calc(rpc("Add", ".demo.Req", ".demo.Rep"), watch)).build(), "streaming=skip");
        assertThat(skipped.getError()).isEmpty();
        String holder = content(skipped, "com/example/calc/CalcDrpc.java");
        assertThat(holder).contains("Rep add(CallContext context, Req request);", "rpc Watch is streaming and was left out")
                .doesNotContain("watch(");
    }

    @Test
    void springFalseLeavesTheSpringClientOut() throws IOException {
        CodeGeneratorResponse response = generate(file(calc(rpc("Add", ".demo.Req", ".demo.Rep"))).build(), "spring=false");
        assertThat(response.getFileList()).extracting(CodeGeneratorResponse.File::getName).containsExactly("com/example/calc/CalcDrpc.java");
        assertThat(response.getFile(0).getContent()).doesNotContain("springframework");
    }

    @Test
    void badParametersAreReported() throws IOException {
        FileDescriptorProto f = file(calc(rpc("Add", ".demo.Req", ".demo.Rep"))).build();
        assertThat(generate(f, "colour=blue").getError()).contains("unknown parameter 'colour'");
        assertThat(generate(f, "streaming=maybe").getError()).contains("streaming must be error or skip");
        assertThat(generate(f, "spring=perhaps").getError()).contains("spring must be true or false");
    }

    @Test
    void readsTheRouteServiceNameAndServiceIdOptions() throws IOException {
        MethodDescriptorProto sum = rpc("Sum", ".demo.Req", ".demo.Rep").toBuilder()
                .setOptions(MethodOptions.newBuilder().setUnknownFields(stringField(DrpcGenerator.ROUTE_OPTION, "/calc/total"))).build();
        ServiceDescriptorProto.Builder service = calc(sum, rpc("AddOne", ".demo.Req", ".demo.Rep"))
                .setOptions(ServiceOptions.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                        .mergeFrom(stringField(DrpcGenerator.SERVICE_ID_OPTION, "calc-server"))
                        .mergeFrom(stringField(DrpcGenerator.SERVICE_NAME_OPTION, "Arith")).build()));
        CodeGeneratorResponse response = generate(file(service).build(), "");
        String holder = content(response, "com/example/calc/CalcDrpc.java");
        assertThat(holder).contains("public static final String SUM_ROUTE = \"/calc/total\";",
                "public static final String SERVICE_NAME = \"Arith\";", "public static final String ADD_ONE_METHOD = \"AddOne\";",
                "route {@code /arith/add_one}, or {@code Arith.AddOne} with the RPC-style mapper");
        assertThat(content(response, "com/example/calc/CalcDrpcClient.java"))
                .contains("@DrpcClient(value = \"calc-server\", service = CalcDrpc.SERVICE_NAME)", "@DrpcRoute(CalcDrpc.SUM_ROUTE)");
    }

    @Test
    void aMessageNamedLikeAFrameworkTypeIsWrittenInFull() throws IOException {
        FileDescriptorProto f = FileDescriptorProto.newBuilder().setName("s.proto").setPackage("demo")
                .setOptions(FileOptions.newBuilder().setJavaPackage("com.example").setJavaMultipleFiles(true))
                .addMessageType(DescriptorProto.newBuilder().setName("Session"))
                .addMessageType(DescriptorProto.newBuilder().setName("String"))
                .addService(ServiceDescriptorProto.newBuilder().setName("Hub").addMethod(rpc("Open", ".demo.String", ".demo.Session")))
                .build();
        String holder = content(generate(f, ""), "com/example/HubDrpc.java");
        assertThat(holder).contains("import io.dmicro.drpc.session.Session;",
                "com.example.Session open(CallContext context, com.example.String request);");
    }

    @Test
    void twoRpcsThatBecomeOneJavaMethodAreRefused() throws IOException {
        FileDescriptorProto f = file(calc(rpc("add_one", ".demo.Req", ".demo.Rep"), rpc("AddOne", ".demo.Req", ".demo.Rep"))).build();
        assertThat(generate(f, "").getError()).contains("rpcs add_one and AddOne of demo.Calc both become the Java method addOne");
    }

    @Test
    void protoCommentsBecomeEscapedJavadoc() throws IOException {
        FileDescriptorProto f = file(calc(rpc("Add", ".demo.Req", ".demo.Rep")))
                .setSourceCodeInfo(SourceCodeInfo.newBuilder()
                        .addLocation(SourceCodeInfo.Location.newBuilder().addPath(6).addPath(0)
                                .setLeadingComments(" Calc adds.\n\n Second paragraph.\n"))
                        .addLocation(SourceCodeInfo.Location.newBuilder().addPath(6).addPath(0).addPath(2).addPath(0)
                                .setLeadingComments(" Adds a <b> & c; ends a comment */ here, @param x, \\u0041.\n")))
                .build();
        String holder = content(generate(f, ""), "com/example/calc/CalcDrpc.java");
        assertThat(holder).contains(" * <p>Calc adds.\n", " * <p>Second paragraph.\n",
                "<p>Adds a &lt;b&gt; &amp; c; ends a comment &#42;/ here, &#64;param x, &#92;u0041.");
        assertThat(holder.indexOf("*/ here")).isNegative();
    }

    private static UnknownFieldSet stringField(int number, String value) {
        return UnknownFieldSet.newBuilder().addField(number,
                UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(value)).build()).build();
    }
}
