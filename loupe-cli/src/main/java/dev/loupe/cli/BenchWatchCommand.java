package dev.loupe.cli;

import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.LibraryWatcher;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.models.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code loupe bench watch DIR}: how long a watched library takes to reflect a burst of changes. The images of DIR
 * are copied into a fresh watched folder (fresh index), then all renamed into a sub-folder, then deleted; each step
 * is timed from its first file operation to the sync that completes it (the debounce included), with what the syncs
 * did — embedded, vectors reused, removed.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Time a watched folder's syncs: copy the "
        + "images of DIR into it, rename them all, delete them all; print seconds per step and what was embedded or "
        + "reused.")
final class BenchWatchCommand implements java.util.concurrent.Callable<Integer> {
    private static final long STEP_TIMEOUT_MINUTES = 10;

    @Mixin
    CommonOptions common;

    @Mixin
    WatchOptions watching;

    @Parameters(paramLabel = "DIR", description = "A folder of images (its top level is used).")
    Path dir;

    @Spec
    CommandSpec spec;

    /** One timed step: its syncs' counts summed. */
    record Step(String step, int files, double seconds, int embedded, int reused, int removed, int syncs) {
    }

    @Override
    public Integer call() throws Exception {
        List<Path> images;
        try (Stream<Path> s = Files.list(dir)) {
            images = s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage() + " — give a folder of images");
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images in " + dir + "; make some with 'loupe bench jpegs'");
        }
        LibraryWatcher.Settings settings = watching.settings();
        Path tmp = Files.createTempDirectory("loupe-bench-watch");
        Path library = Files.createDirectories(tmp.resolve("library"));
        // a file that is no image keeps the folder from reading as an empty mount point once the images are deleted
        Files.writeString(library.resolve("keep.txt"), "loupe bench watch");
        LinkedBlockingQueue<IndexReport> syncs = new LinkedBlockingQueue<>();
        List<Step> steps = new ArrayList<>();
        try (Loupe loupe = Loupe.open(common.session(SessionOptions.Access.REBUILD).withIndexDir(tmp.resolve("index")))) {
            IndexerOptions d = IndexerOptions.defaults();
            IndexerOptions options = new IndexerOptions(common.flags.threads(), d.batchSize(), d.commitEvery(),
                    d.commitAfter());
            LibraryWatcher watcher = new LibraryWatcher(loupe.indexer(options), loupe.index(), List.of(library),
                    settings, new LibraryWatcher.Listener() {
                        @Override
                        public void synced(List<Path> paths, IndexReport report, int count) {
                            syncs.add(report);
                        }
                    });
            Thread thread = new Thread(() -> {
                try {
                    watcher.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "loupe-bench-watch");
            thread.start();
            try {
                syncs.poll(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES); // the first sync, of the empty folder
                int n = images.size();
                long t0 = System.nanoTime();
                for (Path p : images) {
                    Files.copy(p, library.resolve(p.getFileName()));
                }
                steps.add(await("copy", n, t0, syncs, s -> s.embedded() + s.reused() >= n));
                Path sub = Files.createDirectories(library.resolve("renamed"));
                t0 = System.nanoTime();
                for (Path p : images) {
                    Files.move(library.resolve(p.getFileName()), sub.resolve("r-" + p.getFileName()));
                }
                steps.add(await("rename into a sub-folder", n, t0, syncs, s -> s.reused() >= n));
                t0 = System.nanoTime();
                for (Path p : images) {
                    Files.delete(sub.resolve("r-" + p.getFileName()));
                }
                steps.add(await("delete", n, t0, syncs, s -> s.removed() >= n));
            } finally {
                watcher.close();
                thread.join(TimeUnit.MINUTES.toMillis(1));
            }
        } finally {
            BenchCommand.Index.delete(tmp);
        }
        print(spec.commandLine().getOut(), steps, settings);
        return 0;
    }

    /** Sums the syncs since {@code t0} until {@code done} holds; the step's time ends with the last of them. */
    private static Step await(String name, int files, long t0, LinkedBlockingQueue<IndexReport> syncs,
                              Predicate<Step> done) throws InterruptedException {
        Step s = new Step(name, files, 0, 0, 0, 0, 0);
        while (!done.test(s)) {
            IndexReport r = syncs.poll(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (r == null) {
                throw new IllegalStateException("the watch did not finish '" + name + "' within "
                        + STEP_TIMEOUT_MINUTES + " min: " + s);
            }
            s = new Step(name, files, (System.nanoTime() - t0) / 1e9, s.embedded() + r.timings().images(),
                    s.reused() + r.reused(), s.removed() + r.removed(), s.syncs() + 1);
        }
        return s;
    }

    private void print(PrintWriter out, List<Step> steps, LibraryWatcher.Settings settings) {
        if (common.json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("debounceMs", settings.quiet().toMillis());
            body.put("steps", steps);
            Output.json(out, body);
            return;
        }
        out.println("| step | files | seconds to synced | embedded | vectors reused | removed | syncs |");
        out.println("|---|---|---|---|---|---|---|");
        for (Step s : steps) {
            out.printf(java.util.Locale.ROOT, "| %s | %d | %.1f | %d | %d | %d | %d |%n", s.step(), s.files(),
                    s.seconds(), s.embedded(), s.reused(), s.removed(), s.syncs());
        }
        out.printf("(seconds from the first file operation to the sync that completes the step, including the %d ms "
                + "debounce)%n", settings.quiet().toMillis());
        out.flush();
    }
}
