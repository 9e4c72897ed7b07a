package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.server.CommandRunner;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code loupe serve} runs for the launcher's fast path ({@code POST /api/cli}): a {@code loupe search} command
 * line, parsed and reported exactly as the command would be in a process of its own, but answered on the session
 * the server already holds — no JVM start, no model load. Relative paths are read against the caller's folder and
 * the session options in the caller's {@code LOUPE_*} environment; a command line that names another model, index
 * or home, or another command, is not served (the launcher then runs it itself).
 */
final class ServedCommands implements CommandRunner {
    private final Loupe loupe;

    ServedCommands(Loupe loupe) {
        this.loupe = loupe;
    }

    /** Thrown inside {@link #execute} to say that this process does not run the command line. */
    private static final class NotServed extends RuntimeException {
        NotServed(String why) {
            super(why, null, false, false);
        }
    }

    @Override
    public Outcome run(Request request) {
        Map<String, String> env = request.env();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        cli.registerConverter(Path.class, s -> request.cwd().resolve(s));
        String[] notServed = new String[1];
        cli.setExecutionStrategy(parsed -> {
            try {
                return execute(parsed, request.cwd(), env);
            } catch (NotServed e) {
                notServed[0] = e.getMessage(); // picocli would print it as an error; the launcher runs it instead
                return 0;
            }
        });
        int exit = cli.execute(request.args().toArray(String[]::new));
        return notServed[0] != null ? Outcome.notServed(notServed[0]) : Outcome.ran(exit, out.toString(),
                err.toString());
    }

    private int execute(ParseResult parsed, Path cwd, Map<String, String> env) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (!(last.commandSpec().userObject() instanceof SearchCommand search)) {
            throw new NotServed("only 'loupe search' is answered by a running server");
        }
        if (last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
            return new CommandLine.RunLast().execute(parsed);
        }
        search.common.env = env;
        search.base = cwd;
        try {
            SessionOptions wanted = search.common.session(SessionOptions.Access.READ);
            SessionOptions served = loupe.options();
            if (!wanted.home().equals(served.home()) || !wanted.model().equals(served.model())
                    || !Objects.equals(wanted.indexBackend().describe(), served.indexBackend().describe())) {
                throw new NotServed("this server serves " + served.indexBackend().describe() + " with model "
                        + served.model() + " (home " + served.home().root() + "); the command asks for "
                        + wanted.indexBackend().describe() + " with model " + wanted.model() + " (home "
                        + wanted.home().root() + ")");
            }
            return search.run(loupe);
        } catch (NotServed e) {
            throw e;
        } catch (RuntimeException e) {
            // as picocli wraps what a command throws, so that the same handler prints the same message
            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), String.valueOf(e.getMessage()),
                    e);
        }
    }
}
