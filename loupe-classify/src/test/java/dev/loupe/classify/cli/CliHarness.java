package dev.loupe.classify.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs a command the way the {@code loupe} launcher does: failures become one line on stderr, exit code 2 for bad
 * usage (IllegalArgumentException or a parse error) and 1 for anything else.
 */
public record CliHarness(int exit, String out, String err) {
    public static CliHarness run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("loupe: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("loupe: " + e.getMessage());
            return 2;
        });
        int code = cli.execute(args);
        return new CliHarness(code, out.toString(), err.toString());
    }
}
