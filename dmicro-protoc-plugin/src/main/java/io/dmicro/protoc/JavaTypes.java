package io.dmicro.protoc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java class protobuf-java generates for each message of the request's files, by the message's
 * full .proto name: {@code java_package} (else the .proto package), {@code java_multiple_files},
 * and the outer class ({@code java_outer_classname}, else the file name in camel case, with
 * {@code OuterClass} added when a type of the file has that name).
 */
final class JavaTypes {

    private final Map<String, String> byProtoName = new HashMap<>();

    JavaTypes(List<FileDescriptorProto> files) {
        for (FileDescriptorProto file : files) {
            String javaPackage = javaPackage(file);
            String prefix = javaPackage.isEmpty() ? "" : javaPackage + ".";
            if (!file.getOptions().getJavaMultipleFiles()) {
                prefix = prefix + outerClassName(file) + ".";
            }
            String protoPrefix = file.getPackage().isEmpty() ? "." : "." + file.getPackage() + ".";
            for (DescriptorProto message : file.getMessageTypeList()) {
                add(message, protoPrefix, prefix);
            }
        }
    }

    /** The Java class name of a message, from its full name as a field or rpc gives it ({@code .pkg.Msg}). */
    String javaClass(String protoTypeName) {
        String name = byProtoName.get(protoTypeName);
        if (name == null) {
            throw new GenerationException("no Java class known for message " + protoTypeName);
        }
        return name;
    }

    static String javaPackage(FileDescriptorProto file) {
        return file.getOptions().hasJavaPackage() ? file.getOptions().getJavaPackage() : file.getPackage();
    }

    static String outerClassName(FileDescriptorProto file) {
        if (file.getOptions().hasJavaOuterClassname()) {
            return file.getOptions().getJavaOuterClassname();
        }
        String name = Names.upperCamelFromFile(file.getName());
        Set<String> taken = new HashSet<>();
        file.getMessageTypeList().forEach(m -> taken.add(m.getName()));
        file.getEnumTypeList().forEach(e -> taken.add(e.getName()));
        file.getServiceList().forEach(s -> taken.add(s.getName()));
        return taken.contains(name) ? name + "OuterClass" : name;
    }

    private void add(DescriptorProto message, String protoPrefix, String javaPrefix) {
        String protoName = protoPrefix + message.getName();
        String javaName = javaPrefix + message.getName();
        byProtoName.put(protoName, javaName);
        for (DescriptorProto nested : message.getNestedTypeList()) {
            add(nested, protoName + ".", javaName + ".");
        }
    }
}
