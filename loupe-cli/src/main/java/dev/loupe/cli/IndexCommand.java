package dev.loupe.cli;

import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.LibraryWatcher;
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

@Command(name = "index", mixinStandardHelpOptions = true, description = {
        "Add the images under PATH... to the index (incremental: only new and changed files are embedded).",
        "  loupe index --watch ~/photos   keep the index in step with ~/photos until Ctrl+C"})
final class IndexCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--rebuild", description = "Discard the index and build it again (e.g. after a model change).")
    boolean rebuild;

    @Option(names = "--commit-every", paramLabel = "N", description = "Commit after this many changes (default: ${DEFAULT-VALUE}).")
    int commitEvery = IndexerOptions.defaults().commitEvery();

    @Mixin
    OcrFlags ocr;

    @Option(names = "--worker", paramLabel = "I/N", description = "Be worker I of N processes that index the same "
            + "PATHs into one SolrCloud collection at once (e.g. on N machines with a shared mount): this one takes "
            + "the files whose path hash falls in its share (default: all files).")
    String worker;

    @Option(names = "--watch", description = "Keep watching PATH... after indexing: files that appear, change, move "
            + "or vanish are synced after a moment of quiet (moves reuse the stored vectors); a folder that vanishes "
            + "(an unmounted drive) keeps its images and is re-scanned when it is back. Events on stderr, with --json "
            + "one JSON line each on stdout. Ctrl+C stops, with everything committed.")
    boolean watch;

    @Mixin
    WatchOptions watching;

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
                worker == null ? WorkerShare.ALL : WorkerShare.parse(worker), ocr.options());
        if (watch) {
            LibraryWatcher.Settings settings = watching.settings();
            Loupe loupe = common.open(access);
            WatchPrinter printer = new WatchPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(),
                    common.json);
            Watching.untilStopped(new LibraryWatcher(loupe.indexer(options), loupe.index(), paths, settings, printer),
                    () -> {
                        printer.close();
                        loupe.close();
                        printer.stopped();
                    });
            return 0;
        }
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
        out.printf("indexed %d, updated %d, %sunchanged %d, removed %d, skipped %d%s (%.1f s, %.1f images/s encoded)%n",
                r.indexed(), r.updated(), r.reused() == 0 ? "" : "moved or copied " + r.reused() + " (vectors reused), ",
                r.unchanged(), r.removed(), r.skipped().size(),
                r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " with warnings",
                r.timings().wallSeconds(), r.timings().imagesPerSecond());
        for (IndexReport.Skipped s : r.skipped()) {
            out.printf("  skipped %s: %s%n", Output.oneLine(s.path()), s.reason());
        }
        for (IndexReport.Warning w : r.warnings()) {
            out.printf("  warning %s: %s%n", Output.oneLine(w.path()), w.message());
        }
        IndexReport.OcrReport o = r.ocr();
        if (o.ran()) {
            out.printf("OCR: read %d (%d with text), skipped %d without text, failed %d, still queued %d (%.1f s)%n",
                    o.read(), o.withText(), o.noText(), o.failed(), o.pending(), o.seconds());
        } else if (!o.note().isEmpty()) {
            out.println(o.note());
        }
        for (IndexReport.Skipped s : o.warnings()) {
            out.printf("  warning %s: %s%n", Output.oneLine(s.path()), s.reason());
        }
        out.flush();
    }
}
