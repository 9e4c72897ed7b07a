package dev.loupe.server;

import dev.loupe.engine.IndexProgress;
import dev.loupe.engine.IndexReport;
import dev.loupe.engine.Indexer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs at most one index job at a time in the background and reports its progress. Searches go on meanwhile: the
 * index is open for writing, so its near-real-time readers see each image as soon as it is added. Thread-safe.
 */
final class IndexJobs implements AutoCloseable {

    /**
     * What {@code GET /api/status} shows about the current or last job.
     *
     * @param state     {@code running}, {@code done}, {@code failed} or {@code cancelled}
     * @param total     image files the scan found (0 until the scan is over)
     * @param done      files looked at so far (indexed, unchanged or skipped)
     * @param committed documents in the index at the last commit
     * @param phase     {@code embedding}, then {@code ocr} while the OCR pass reads the images' text
     * @param ocrTotal  images the OCR pass has to read (0 until it starts)
     * @param ocrDone   images it is done with
     * @param report    what the run did, once it is over
     */
    record Progress(String state, List<String> roots, int total, int done, int committed, String phase,
                    int ocrTotal, int ocrDone, String started, String finished, Summary report, String error) {
    }

    /** The counts of an {@link IndexReport}, with the first few skipped files and OCR warnings. */
    record Summary(int indexed, int updated, int unchanged, int removed, int reused, int skipped,
                   List<IndexReport.Skipped> skippedFiles,
                   double seconds, int ocrRead, int ocrFailed, List<IndexReport.Skipped> ocrWarnings) {
        static Summary of(IndexReport r) {
            List<IndexReport.Skipped> w = r.ocr().warnings();
            return new Summary(r.indexed(), r.updated(), r.unchanged(), r.removed(), r.reused(), r.skipped().size(),
                    r.skipped().subList(0, Math.min(20, r.skipped().size())), r.timings().wallSeconds(),
                    r.ocr().read(), r.ocr().failed(), w.subList(0, Math.min(20, w.size())));
        }
    }

    private final Supplier<Indexer> indexers;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loupe-index-job");
        t.setDaemon(true);
        return t;
    });
    private Job current; // guarded by this

    IndexJobs(Supplier<Indexer> indexers) {
        this.indexers = indexers;
    }

    /** One run; counters are written by the indexing thread and read by request threads. */
    private static final class Job implements IndexProgress {
        final List<String> roots;
        final Instant started = Instant.now();
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger ocrTotal = new AtomicInteger();
        final AtomicInteger ocrDone = new AtomicInteger();
        volatile String phase = "embedding";
        volatile boolean cancel;
        volatile String state = "running";
        volatile Instant finished;
        volatile Summary report;
        volatile String error;

        Job(List<String> roots) {
            this.roots = roots;
        }

        @Override
        public void started(int files) {
            total.set(files);
        }

        @Override
        public void resumed(int unchanged) {
            done.addAndGet(unchanged);
        }

        @Override
        public void advanced(String path) {
            done.incrementAndGet();
            if (cancel) {
                throw new CancellationException("index run cancelled");
            }
        }

        @Override
        public void committed(int documents) {
            committed.set(documents);
        }

        @Override
        public void ocrStarted(int images) {
            phase = "ocr";
            ocrTotal.set(images);
        }

        @Override
        public void ocrAdvanced(String path) {
            ocrDone.incrementAndGet();
            if (cancel) {
                throw new CancellationException("index run cancelled");
            }
        }

        Progress progress() {
            Instant end = finished;
            return new Progress(state, roots, total.get(), done.get(), committed.get(), phase, ocrTotal.get(),
                    ocrDone.get(), started.toString(), end == null ? null : end.toString(), report, error);
        }
    }

    /** Starts indexing {@code roots} (absolute, existing); 409 while another run is going on. */
    synchronized Progress start(List<Path> roots) {
        if (current != null && current.state.equals("running")) {
            throw new ApiException(409, "an index run is already going on (" + current.done.get() + " of "
                    + current.total.get() + " files); wait for it to finish — GET /api/status shows its progress");
        }
        Job job = new Job(roots.stream().map(Path::toString).toList());
        current = job;
        worker.execute(() -> run(job, roots));
        return job.progress();
    }

    private void run(Job job, List<Path> roots) {
        try {
            IndexReport report = indexers.get().run(roots, job);
            job.report = Summary.of(report);
            job.state = "done";
        } catch (CancellationException e) {
            job.state = "cancelled";
        } catch (RuntimeException | Error e) {
            job.error = e.getMessage() == null ? e.toString() : e.getMessage();
            job.state = "failed";
        } finally {
            job.finished = Instant.now();
        }
    }

    /** The current or last job, or null when none ran. */
    synchronized Progress progress() {
        return current == null ? null : current.progress();
    }

    synchronized boolean running() {
        return current != null && current.state.equals("running");
    }

    /** Stops a running job at the next file and waits for it (up to 30 s), so the index can be closed after. */
    @Override
    public void close() {
        synchronized (this) {
            if (current != null) {
                current.cancel = true;
            }
        }
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
