package io.dmicro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmicro.drpc.testing.ExternalTools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bash completion script the build writes ({@code target/dmicro_completion}), run by a real bash
 * the way the shell runs it on Tab: {@code COMP_WORDS} and {@code COMP_CWORD} set, the completion
 * function called, {@code COMPREPLY} read back.
 */
class ShellCompletionTest {

    private static final Path SCRIPT = Cli.JAR.resolveSibling("dmicro_completion");

    @Test
    void completesCommandNames() throws Exception {
        assertThat(complete("dmicro", "c")).containsExactlyInAnyOrder("call", "close");
        assertThat(complete("dmicro", "de")).containsExactly("describe");
    }

    @Test
    void completesTheOptionsOfACommand() throws Exception {
        assertThat(complete("dmicro", "call", "--ti")).containsExactly("--timeout");
        assertThat(complete("dmicro", "bench", "--conn")).contains("--connections", "--connect-timeout");
    }

    @Test
    void completesTheNamesOfProtosCodecsAndFilters() throws Exception {
        assertThat(complete("dmicro", "call", "--codec", "")).contains("json", "protobuf", "plain", "form", "xml");
        assertThat(complete("dmicro", "call", "--proto", "json")).containsExactlyInAnyOrder("json", "jsonrpc", "jsonrpc-go");
        assertThat(complete("dmicro", "push", "--filter", "")).contains("gzip", "md5");
    }

    /** What bash offers for the last word of {@code words}. */
    private static List<String> complete(String... words) throws Exception {
        File bash = ExternalTools.require("bash", "the completion script is a bash script");
        assertThat(SCRIPT).as("built by the package phase").exists();
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        // compopt only works inside a completion bash itself started; it changes display only
        String script = "source '" + SCRIPT.toAbsolutePath() + "'\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_dmicro dmicro \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Path file = Files.createTempFile("complete", ".sh");
        Files.writeString(file, script);
        Process p = new ProcessBuilder(bash.getPath(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Files.delete(file);
        return Arrays.stream(out.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
