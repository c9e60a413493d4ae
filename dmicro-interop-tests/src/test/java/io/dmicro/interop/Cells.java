package io.dmicro.interop;

import io.dmicro.drpc.filter.AesFilter;
import io.dmicro.drpc.filter.TransferFilters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** The proto x codec cells both directions run. */
final class Cells {

    /** The original's protos, by the names both sides use. */
    static final List<String> PROTOS = List.of("raw", "json", "protobuf", "jsonrpc", "http");

    /**
     * Body codecs. jsonrpc carries JSON only (its params and result are JSON values); the
     * original's json proto cannot carry protobuf bodies (it copies the body bytes into a JSON
     * string escaping only {@code "}, and a Go peer cannot read its own frame back), so that cell
     * is left out here and listed in the README.
     */
    static final List<String> CODECS = List.of("j", "p", "f", "s", "x");

    /** The Go peers' default key of the original's aes filter ({@code -aeskey}). */
    static final byte[] AES_KEY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** gzip and md5 (our defaults) and the original's aes with the Go peers' key. */
    static final TransferFilters FILTERS = TransferFilters.defaults().toBuilder().add(new AesFilter(AES_KEY)).build();

    private Cells() {
    }

    static List<Arguments> protoCodec() {
        List<Arguments> cells = new ArrayList<>();
        for (String proto : PROTOS) {
            for (String codec : CODECS) {
                boolean jsonOnly = proto.equals("jsonrpc") && !codec.equals("j");
                boolean binaryInJson = proto.equals("json") && codec.equals("p");
                if (!jsonOnly && !binaryInJson) {
                    cells.add(Arguments.of(proto, codec));
                }
            }
        }
        return cells;
    }

    static List<String> protos() {
        return PROTOS;
    }

    /** Protos that carry pushes (the original's http and jsonrpc protos do not write them). */
    static List<String> pushProtos() {
        return List.of("raw", "json", "protobuf");
    }

    /**
     * The Java proto that speaks with the original's proto of this name: the original's jsonrpc
     * is not the specification's, and {@code jsonrpc-go} is our name for its dialect.
     */
    static String javaProto(String goProto) {
        return goProto.equals("jsonrpc") ? "jsonrpc-go" : goProto;
    }

    /**
     * A status text for {@code proto} as a Go sender can put it on the wire: the original's json
     * proto copies a JSON body into its frame escaping only {@code "}, so a body holding an escaped
     * quote or a backslash makes a frame no JSON parser reads (its own included); those characters
     * stay out of Go-sent bodies over json (README, "Interoperability").
     */
    static String goSendable(String proto, String text) {
        return proto.equals("json") ? text.replace("\"", "").replace("\\", "") : text;
    }

    static String codecName(String id) {
        return switch (id) {
            case "j" -> "json";
            case "p" -> "protobuf";
            case "f" -> "form";
            case "s" -> "plain";
            case "x" -> "xml";
            default -> throw new IllegalArgumentException(id);
        };
    }
}
