package dev.loupe.lab.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of the {@code loupe-lab} command (the {@code ./loupe-lab} launcher runs it). */
public final class Main {
    /**
     * Lucene logs through java.util.logging that the Vector API module is not enabled; not something to act on in
     * the lab either. Held here because JUL keeps loggers weakly.
     */
    private static final Logger LUCENE_VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private Main() {
    }

    public static void main(String[] args) {
        LUCENE_VECTORIZATION.setLevel(Level.SEVERE);
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the {@code loupe-lab} command line with the given writers and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(new LabCommand(), out, err).execute(args);
    }

    /** A command line for {@code command} (the root or one command alone, as tests do) with the lab's error rules. */
    static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        Errors errors = new Errors();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        return cli;
    }
}
