package io.dmicro.protoc;

import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code protoc-gen-dmicro}: the protoc plugin entry point. protoc writes a
 * {@code CodeGeneratorRequest} to standard input and reads a {@code CodeGeneratorResponse} from
 * standard output; a problem in the .proto files (a streaming rpc, a bad parameter) travels in the
 * response's {@code error}, which protoc prints and fails on.
 */
public final class ProtocGenDmicro {

    private ProtocGenDmicro() {
    }

    public static void main(String[] args) throws IOException {
        run(System.in, System.out);
    }

    /** Reads one request from {@code in} and writes its response to {@code out}, as protoc expects of a plugin. */
    public static void run(InputStream in, OutputStream out) throws IOException {
        CodeGeneratorRequest request = CodeGeneratorRequest.parseFrom(in);
        CodeGeneratorResponse response = new DrpcGenerator().generate(request);
        response.writeTo(out);
        out.flush();
    }
}
