package io.dmicro.cli;

import io.dmicro.drpc.status.DrpcException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code dmicro} command: its subcommands, logging and the mapping of failures to exit codes. */
@Command(name = "dmicro", mixinStandardHelpOptions = true, versionProvider = DmicroCli.Version.class,
        description = "Call, push to, listen to, describe and load-test drpc endpoints; inspect and steer a Spring Boot service.",
        subcommands = {CallCommand.class, PushCommand.class, ListenCommand.class, DescribeCommand.class, BenchCommand.class,
                SessionsCommand.class, CloseCommand.class, OverloadCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 OK                          6 no such route (404)",
                "  1 the tool failed              7 refused for load or going away (429, 503)",
                "  2 usage                        8 another error status from the peer",
                "  3 cannot connect (105)         9 actuator unreachable or HTTP error",
                "  4 connection lost (102, 104)  10 bench: some calls failed",
                "  5 timed out (408)"})
public final class DmicroCli implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log the engine's work (connections, handshakes) to stderr.")
    void verbose(boolean on) {
        if (on) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code; what {@code main} and in-process callers use. */
    public static int run(String... args) {
        // quiet unless asked: the engine logs its listeners and sessions at INFO
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        CommandLine cli = new CommandLine(new DmicroCli());
        cli.setExpandAtFiles(false); // @file is a body file, not picocli's argument file
        cli.setExitCodeExceptionMapper(DmicroCli::exitCode);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof DrpcException d) {
                err.println(StatusLine.text(d.status()));
            } else if (e instanceof UsageException || e instanceof Actuator.ActuatorException) {
                err.println("dmicro: " + e.getMessage());
            } else if (e instanceof IllegalArgumentException) {
                err.println("dmicro: " + e.getMessage());
            } else {
                err.println("dmicro: " + e);
                e.printStackTrace(err);
            }
            err.flush();
            return exitCode(e);
        });
        return cli.execute(args);
    }

    private static int exitCode(Throwable e) {
        if (e instanceof DrpcException d) {
            return ExitCode.of(d.status());
        }
        if (e instanceof UsageException || e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        if (e instanceof Actuator.ActuatorException) {
            return ExitCode.ACTUATOR;
        }
        return ExitCode.SOFTWARE;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DmicroCli.class.getPackage().getImplementationVersion();
            return new String[] {"dmicro " + (v == null ? "(development)" : v)};
        }
    }
}
