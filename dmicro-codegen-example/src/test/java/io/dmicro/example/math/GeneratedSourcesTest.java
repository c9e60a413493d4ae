package io.dmicro.example.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import io.dmicro.protoc.ProtocGenDmicro;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generator run again, in this JVM, on the descriptors (with comments) of the build's own protoc
 * run: twice the same bytes, the same bytes as the files the build compiled, and the .proto's
 * comments in the javadoc.
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
