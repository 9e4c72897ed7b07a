package dev.loupe.cli;

import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.OptionRanges;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.WorkerShare;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "index", mixinStandardHelpOptions = true, description = "Add the images under PATH... to the index (incremental: only new and changed files are embedded).")
final class IndexCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--rebuild", description = "Discard the index and build it again (e.g. after a model change).")
    boolean rebuild;

    @Option(names = "--commit-every", paramLabel = "N", description = "Commit after this many changes (default: ${DEFAULT-VALUE}).")
    int commitEvery = IndexerOptions.defaults().commitEvery();

    @Option(names = "--worker", paramLabel = "I/N", description = "Be worker I of N processes that index the same "
            + "PATHs into one SolrCloud collection at once (e.g. on N machines with a shared mount): this one takes "
            + "the files whose path hash falls in its share (default: all files).")
    String worker;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Folders or image files.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SessionOptions.Access access = rebuild ? SessionOptions.Access.REBUILD : SessionOptions.Access.WRITE;
        SessionOptions session = common.session(access); // checks --threads and --max-pixels first
        IndexerOptions defaults = IndexerOptions.defaults();
        IndexerOptions options = new IndexerOptions(session.threads(), defaults.batchSize(),
                OptionRanges.between("--commit-every", commitEvery, 1, 1_000_000), defaults.commitAfter(),
                worker == null ? WorkerShare.ALL : WorkerShare.parse(worker));
        IndexReport report;
        try (Loupe loupe = common.open(access);
             ProgressBars.IndexBar bar = ProgressBars.index(!common.json)) {
            report = loupe.indexer(options).run(paths, bar);
        }
        print(spec.commandLine().getOut(), report);
        return 0;
    }

    private void print(PrintWriter out, IndexReport r) {
        if (common.json) {
            Output.json(out, r);
            return;
        }
        out.printf("indexed %d, updated %d, unchanged %d, removed %d, skipped %d%s (%.1f s, %.1f images/s encoded)%n",
                r.indexed(), r.updated(), r.unchanged(), r.removed(), r.skipped().size(),
                r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " with warnings",
                r.timings().wallSeconds(), r.timings().imagesPerSecond());
        for (IndexReport.Skipped s : r.skipped()) {
            out.printf("  skipped %s: %s%n", Output.oneLine(s.path()), s.reason());
        }
        for (IndexReport.Warning w : r.warnings()) {
            out.printf("  warning %s: %s%n", Output.oneLine(w.path()), w.message());
        }
        out.flush();
    }
}
