package dev.loupe.lab.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns failures into one line on the command's error writer ({@code loupe-lab eval: what went wrong}) and a
 * non-zero exit code: 2 for bad usage (a parse error or an IllegalArgumentException), 1 for everything else. Stack
 * traces only with LOUPE_DEBUG=1. The same contract as the {@code loupe} command's.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int USAGE = 2;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(CommandText.name(cmd.getCommandSpec()) + ": " + message(e));
        if ("1".equals(System.getenv("LOUPE_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof IllegalArgumentException ? USAGE : FAILED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = CommandText.name(cmd.getCommandSpec());
        err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        err.flush();
        return USAGE;
    }

    static String message(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getMessage() == null ? t.getCause() : t;
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
