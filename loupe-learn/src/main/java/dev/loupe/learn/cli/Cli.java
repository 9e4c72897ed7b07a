package dev.loupe.learn.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Shared command-line plumbing: one-line errors and the reproducing command string. */
final class Cli {
    private Cli() {
    }

    /** Runs a command the way the {@code loupe} launcher will: errors as one stderr line, non-zero exit. */
    static int execute(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println(line.getCommandName() + ": " + message(e));
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": " + e.getMessage()
                    + " (see --help)");
            return 2;
        });
        return cl.execute(args);
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage().replace('\n', ' ');
    }

    /** {@code loupe NAME args...}, quoting arguments with spaces. */
    static String command(String name, List<String> args) {
        return "loupe " + name + (args.isEmpty() ? "" : " " + args.stream()
                .map(a -> a.matches("[\\w./,=:@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")));
    }
}
