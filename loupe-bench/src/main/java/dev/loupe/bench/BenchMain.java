package dev.loupe.bench;

import dev.loupe.bench.ann.SearchBenchCommand;
import dev.loupe.bench.data.VectorsCommand;
import dev.loupe.bench.engine.EngineBenchCommand;
import dev.loupe.bench.solr.SolrBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code loupe-bench}: the performance benches that need more than the product ships (Fashion-MNIST, the Python
 * peers FAISS and hnswlib). Run through {@code bin/loupe-bench}; the {@code loupe} launcher does not include this
 * module.
 */
@Command(name = "loupe-bench", mixinStandardHelpOptions = true,
        description = "Performance at scale: vector sets, the ANN bench beside FAISS and hnswlib, engine latency.",
        subcommands = {VectorsCommand.class, SearchBenchCommand.class, EngineBenchCommand.class,
                dev.loupe.bench.engine.DuplicatesBenchCommand.class,
                SolrBenchCommand.class})
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command with the given streams and returns its exit code (2 for bad usage, 1 for failures). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            // file errors carry only the path as their message: say what kind of error it is
            String message = e instanceof java.io.IOException || e.getMessage() == null ? e.toString() : e.getMessage();
            line.getErr().println("loupe-bench: " + message);
            if (System.getenv("LOUPE_DEBUG") != null) {
                e.printStackTrace(line.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }
}
