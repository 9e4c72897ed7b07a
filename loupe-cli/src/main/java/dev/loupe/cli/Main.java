package dev.loupe.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of the {@code loupe} command. */
public final class Main {
    /**
     * Lucene logs through java.util.logging whether the Vector API module is enabled; main prints Loupe's own
     * one-line notice instead ({@link dev.loupe.core.query.VectorSupport}). Held here because JUL keeps loggers
     * weakly.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    private Main() {
    }

    public static void main(String[] args) {
        LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
        if (!"off".equals(System.getenv("LOUPE_SIMD"))) { // off: the user chose plain loops, nothing to report
            dev.loupe.core.query.VectorSupport.notice().ifPresent(System.err::println);
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /** The {@code loupe} command line, printing to the given streams, with its error handlers. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LoupeCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new Errors());
        cli.setParameterExceptionHandler(new Errors());
        return cli;
    }
}
