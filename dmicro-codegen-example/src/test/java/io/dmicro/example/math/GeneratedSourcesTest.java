package io.dmicro.example.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import io.dmicro.protoc.ProtocGenDmicro;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator run again, in this JVM, on the descriptors (with comments) of the build's own protoc
 * run: twice the same bytes, the same bytes as the files the build compiled, and the .proto's
 * comments in javadoc that passes doclint.
 */
class GeneratedSourcesTest {

    private static final Path GENERATED = Path.of("target/generated-sources/protobuf/io/dmicro/example/math");

    @Test
    void generatesTheSameBytesEachTimeAndAsTheBuildDid() throws IOException {
        CodeGeneratorRequest request = request();
        byte[] first = generate(request);
        byte[] second = generate(request);
        assertThat(second).isEqualTo(first);

        CodeGeneratorResponse response = CodeGeneratorResponse.parseFrom(first);
        assertThat(response.getError()).isEmpty();
        assertThat(response.getFileList()).extracting(CodeGeneratorResponse.File::getName)
                .containsExactly("io/dmicro/example/math/MathDrpc.java", "io/dmicro/example/math/MathDrpcClient.java");
        for (CodeGeneratorResponse.File file : response.getFileList()) {
            Path built = GENERATED.resolve(Path.of(file.getName()).getFileName());
            assertThat(Files.readString(built, StandardCharsets.UTF_8)).as(file.getName()).isEqualTo(file.getContent());
        }
    }

    @Test
    void carriesTheProtoCommentsAsJavadoc() throws IOException {
        String drpc = Files.readString(GENERATED.resolve("MathDrpc.java"), StandardCharsets.UTF_8);
        assertThat(drpc).contains("<p>Math does arithmetic for its peers.", "<p>Add returns a + b.",
                "<p>Divide returns a / b, and fails with status 1001 when b is 0.");
        String client = Files.readString(GENERATED.resolve("MathDrpcClient.java"), StandardCharsets.UTF_8);
        assertThat(client).contains("@DrpcClient(value = \"math-server\", service = MathDrpc.SERVICE_NAME)",
                "@DrpcRoute(MathDrpc.SUM_ROUTE)", "<p>Sum totals a list of numbers.");
    }

    @Test
    void theJavadocPassesDoclint(@TempDir Path out) throws IOException {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        List<String> files = new ArrayList<>();
        for (Path dir : List.of(GENERATED, Path.of("target/generated-test-sources/protobuf/io/dmicro/example/tricky"))) {
            try (Stream<Path> paths = Files.list(dir)) {
                paths.map(Path::toString).filter(p -> p.endsWith("Drpc.java") || p.endsWith("DrpcClient.java")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSize(6);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-quiet", "-Xdoclint:all,-missing", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-sourcepath", "target/generated-sources/protobuf" + File.pathSeparator + "target/generated-test-sources/protobuf"));
        args.addAll(files);
        int exit = javadoc.run(null, OutputStream.nullOutputStream(), report, args.toArray(String[]::new));
        String text = report.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("warning", "error");
        assertThat(exit).as(text).isZero();
    }

    @Test
    void refusesAStreamingRpcWithAMessageThatSaysWhatToDo() throws IOException {
        CodeGeneratorRequest request = request();
        CodeGeneratorRequest.Builder streaming = request.toBuilder();
        for (int i = 0; i < streaming.getProtoFileCount(); i++) {
            if (streaming.getProtoFile(i).getName().equals("math.proto")) {
                streaming.getProtoFileBuilder(i).getServiceBuilder(0).getMethodBuilder(0).setServerStreaming(true);
            }
        }
        CodeGeneratorResponse response = CodeGeneratorResponse.parseFrom(generate(streaming.build()));
        assertThat(response.getError()).contains("rpc example.math.Math.Add is server-streaming", "drpc has no streams",
                "streaming=skip");
        assertThat(response.getFileList()).isEmpty();
    }

    private static CodeGeneratorRequest request() throws IOException {
        FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(Path.of("target/math.protoset")));
        return CodeGeneratorRequest.newBuilder().addFileToGenerate("math.proto").addAllProtoFile(set.getFileList()).build();
    }

    private static byte[] generate(CodeGeneratorRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtocGenDmicro.run(new ByteArrayInputStream(request.toByteArray()), out);
        return out.toByteArray();
    }
}
