package dev.loupe.engine;

import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.text.ImageText;
import dev.loupe.models.image.DecodedImage;
import dev.loupe.models.image.ImageDecodeException;
import dev.loupe.models.image.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Incremental indexing: {@code scan → read+hash (+ names, metadata, sidecars) → decode → encode → index}, then the
 * {@link OcrPass} when the options ask for it. New files are added, changed ones
 * re-embedded (by content hash), deleted ones removed, unchanged ones skipped by size and mtime without reading
 * them. A new file whose content an indexed file already has — a move, a rename, a copy — takes that file's vectors
 * instead of being decoded and embedded again (found by content hash). Entries of vanished files are removed last,
 * so a moved file's vectors are still there to reuse, and only while their root is there: a root that vanished
 * mid-run (an unmounted drive) keeps its images. Files are read and decoded on worker threads ahead of the encoder;
 * commits happen periodically so a killed run loses at most the last interval and the next run resumes where it
 * stopped; a run cancelled by its caller (a {@link java.util.concurrent.CancellationException} from its progress
 * callbacks) commits what it did.
 */
public final class Indexer {
    private static final long MAX_FILE_BYTES = 512L << 20;
    /** Images whose stored words one read asks for (the stale-words check, the OCR pass's pending list). */
    static final int WORDS_BATCH = 500;

    private final ImageDecoder decoder;
    private final Model model;
    private final WritableImageIndex index;
    private final IndexerOptions options;

    public Indexer(ImageDecoder decoder, Model model, WritableImageIndex index, IndexerOptions options) {
        this.decoder = decoder;
        this.model = model;
        this.index = index;
        this.options = options;
    }

    /** What the workers hand to the encoder for one file. */
    private sealed interface Prepared permits Decoded, Touched, Reused, Failed, OutOfMemory {
    }

    /** New content for this path that an indexed file already has: its vectors and OCR text are taken. */
    private record Reused(StoredContent.Reused found) implements Prepared {
    }

    private record Decoded(ImageRecord record, BufferedImage image, boolean update, List<String> warnings,
                           ImageText text)
            implements Prepared {
    }

    /** Content unchanged, only the mtime moved: keep the vectors and the OCR text, refresh the record and names. */
    private record Touched(ImageRecord record, ImageText text) implements Prepared {
    }

    private record Failed(String path, String reason) implements Prepared {
    }

    /** The heap ran out while this file was read or decoded: the run stops (see {@link #run}). */
    private record OutOfMemory(String path) implements Prepared {
    }

    /** Stops a run that ran out of memory; {@link #run} commits what is done and explains. */
    private static final class OutOfMemoryStop extends RuntimeException {
        final String path;

        OutOfMemoryStop(String path, Throwable cause) {
            super("out of memory at " + path, cause, false, false);
            this.path = path;
        }
    }

    public IndexReport run(List<Path> rootPaths, IndexProgress progress) {
        long start = System.nanoTime();
        List<Path> roots = FileScanner.roots(rootPaths);
        List<IndexReport.Skipped> skipped = new ArrayList<>();
        List<FileScanner.Found> files = FileScanner.scan(roots,
                (path, reason) -> skipped.add(new IndexReport.Skipped(path, reason)));
        files.removeIf(f -> !options.share().takes(f.path().toString())); // another worker's files
        Map<String, ImageRecord> existing = new HashMap<>();
        StoredContent stored = new StoredContent(index);
        index.forEach(ImageFilter.NONE, java.util.Set.of(), (record, none) -> {
            existing.put(record.path(), record);
            stored.add(record);
        });

        Run run = new Run(progress, skipped, stored);
        try (HeapSampler heap = new HeapSampler()) {
            progress.started(files.size());
            List<FileScanner.Found> work = new ArrayList<>();
            Map<String, FileScanner.Found> unchanged = new java.util.LinkedHashMap<>(); // by image id
            for (FileScanner.Found f : files) {
                ImageRecord old = existing.get(f.path().toString());
                if (old != null && old.size() == f.size() && old.mtimeMillis() == f.mtimeMillis()) {
                    run.unchanged++;
                    unchanged.put(old.id(), f);
                    if (unchanged.size() >= WORDS_BATCH) {
                        rereadWordsIfStale(unchanged, run);
                    }
                } else {
                    work.add(f);
                }
            }
            rereadWordsIfStale(unchanged, run);
            progress.resumed(run.unchanged);
            try {
                process(work, existing, run);
                removeVanished(roots, files, existing, run);
            } catch (OutOfMemoryStop | OutOfMemoryError e) {
                throw stopped(e, run);
            } catch (java.util.concurrent.CancellationException e) {
                index.commit(); // cancelled by the caller (a stopped watch, a server shutting down): keep what is done
                throw e;
            }
            index.commit();
            progress.committed(index.count());
            double wall = (System.nanoTime() - start) / 1e9;
            IndexReport.StageTimings t = new IndexReport.StageTimings(wall, ms(run.readNanos), ms(run.decodeNanos),
                    ms(run.encodeNanos), ms(run.indexNanos), run.encoded, heap.peakMb());
            IndexReport.OcrReport ocr = options.ocr() == null ? IndexReport.OcrReport.NONE
                    : new OcrPass(decoder, index, options).run(roots, progress);
            return new IndexReport(run.indexed, run.updated, run.unchanged, run.removed, run.reused, skipped,
                    run.warnings, t, ocr);
        }
    }

    /**
     * The run ran out of memory: going on would fail file after file (or worse, silently), so it stops — after
     * committing what is done, so that the next run goes on from there.
     */
    private RuntimeException stopped(Throwable oom, Run run) {
        String at = oom instanceof OutOfMemoryStop s ? " while reading " + s.path : " while encoding";
        IllegalStateException e = new IllegalStateException("out of memory" + at + "; the run stopped, and the "
                + (run.indexed + run.updated) + " images indexed before it are committed — give Loupe more memory "
                + "(e.g. LOUPE_JAVA_OPTS=-Xmx8g) or fewer --threads, then run 'loupe index' again to go on",
                oom instanceof OutOfMemoryStop s ? s.getCause() : oom);
        try {
            index.commit();
            run.progress.committed(index.count());
        } catch (RuntimeException | Error commit) {
            e.addSuppressed(commit);
        }
        return e;
    }

    private static double ms(LongAdder nanos) {
        return nanos.sum() / 1e6;
    }

    /** Mutable counters of one run; confined to the indexing thread except for the time adders. */
    private final class Run {
        final IndexProgress progress;
        final List<IndexReport.Skipped> skipped;
        final StoredContent stored;
        final java.util.Set<String> movedFrom = new java.util.HashSet<>();
        final List<IndexReport.Warning> warnings = new ArrayList<>();
        final LongAdder readNanos = new LongAdder();
        final LongAdder decodeNanos = new LongAdder();
        final LongAdder encodeNanos = new LongAdder();
        final LongAdder indexNanos = new LongAdder();
        int indexed;
        int updated;
        int unchanged;
        int removed;
        int reused;
        int encoded;
        int sinceCommit;
        long lastCommit = System.nanoTime();

        Run(IndexProgress progress, List<IndexReport.Skipped> skipped, StoredContent stored) {
            this.progress = progress;
            this.skipped = skipped;
            this.stored = stored;
        }

        void changed() {
            sinceCommit++;
            long now = System.nanoTime();
            if (sinceCommit >= options.commitEvery() || now - lastCommit >= options.commitAfter().toNanos()) {
                long t = System.nanoTime();
                index.commit();
                indexNanos.add(System.nanoTime() - t);
                sinceCommit = 0;
                lastCommit = System.nanoTime();
                progress.committed(index.count());
            }
        }
    }

    /**
     * Unchanged images whose words were never read (an index upgraded from an older format) or whose XMP sidecar
     * changed since: read their names and metadata again, keeping their vectors and OCR text. Their stored words are
     * read in one batch ({@link dev.loupe.core.ImageIndex#texts}), so that a re-run over a large unchanged library
     * costs a request per {@link #WORDS_BATCH} images on SolrCloud, not one per image. Empties {@code unchanged}.
     */
    private void rereadWordsIfStale(Map<String, FileScanner.Found> unchanged, Run run) {
        if (unchanged.isEmpty()) {
            return;
        }
        index.texts(unchanged.keySet()).forEach((id, stored) -> {
            FileScanner.Found f = unchanged.get(id);
            if (stored.isRead() && stored.sidecar().equals(ImageTexts.sidecarStamp(f.path()))) {
                return;
            }
            try {
                ImageText fresh = ImageTexts.read(f.path(), Files.readAllBytes(f.path()));
                index.setText(id, fresh.withOcr(stored.ocrState(), stored.ocr(), stored.ocrNote()));
                run.changed();
            } catch (IOException e) {
                run.skipped.add(new IndexReport.Skipped(f.path().toString(),
                        "cannot read its metadata: " + e.getMessage()));
            }
        });
        unchanged.clear();
    }

    private void removeVanished(List<Path> roots, List<FileScanner.Found> files, Map<String, ImageRecord> existing, Run run) {
        java.util.Set<String> present = new java.util.HashSet<>();
        files.forEach(f -> present.add(f.path().toString()));
        List<Path> there = roots.stream().filter(Files::exists).toList(); // a root gone mid-run keeps its images
        for (String path : existing.keySet()) {
            if (FileScanner.under(there, path) && options.share().takes(path) && !present.contains(path)
                    && !Files.exists(Path.of(path))) {
                index.delete(path);
                if (!run.movedFrom.contains(path)) { // a move is counted once, as reused
                    run.removed++;
                    run.progress.changed(FileChange.of(FileChange.Kind.REMOVED, path));
                }
                run.changed();
            }
        }
    }

    private void process(List<FileScanner.Found> work, Map<String, ImageRecord> existing, Run run) {
        if (work.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.decodeThreads(), r -> {
            Thread t = new Thread(r, "loupe-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<Prepared>> inFlight = new ArrayDeque<>();
            int next = 0;
            int window = Math.max(options.batchSize() * 2, options.decodeThreads() * 4);
            List<Decoded> batch = new ArrayList<>(options.batchSize());
            while (next < work.size() || !inFlight.isEmpty()) {
                while (next < work.size() && inFlight.size() < window) {
                    FileScanner.Found f = work.get(next++);
                    ImageRecord old = existing.get(f.path().toString());
                    inFlight.add(pool.submit(() -> prepare(f, old, run)));
                }
                Prepared p = await(inFlight.poll());
                switch (p) {
                    case Failed fail -> {
                        run.skipped.add(new IndexReport.Skipped(fail.path(), fail.reason()));
                        run.progress.changed(new FileChange(FileChange.Kind.SKIPPED, fail.path(), null, fail.reason()));
                        run.progress.advanced(fail.path());
                    }
                    case Reused u -> {
                        reuse(u.found(), run);
                        run.progress.advanced(u.found().record().path());
                    }
                    case OutOfMemory oom -> throw new OutOfMemoryStop(oom.path(), null);
                    case Touched t -> {
                        refresh(t.record(), t.text(), run);
                        run.progress.advanced(t.record().path());
                    }
                    case Decoded d -> {
                        batch.add(d);
                        if (batch.size() >= options.batchSize()) {
                            flush(batch, run);
                        }
                    }
                }
            }
            flush(batch, run);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Prepared await(Future<Prepared> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("indexing interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("indexing worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** Runs on a worker: read, hash, and decode unless the content is what the index already has. */
    private Prepared prepare(FileScanner.Found f, ImageRecord old, Run run) {
        String path = f.path().toString();
        try {
            long t0 = System.nanoTime();
            if (f.size() > MAX_FILE_BYTES) {
                return new Failed(path, "file is " + (f.size() >> 20) + " MB, over the " + (MAX_FILE_BYTES >> 20)
                        + " MB limit for one image");
            }
            byte[] bytes = Files.readAllBytes(f.path());
            String hash = sha256(bytes);
            run.readNanos.add(System.nanoTime() - t0);
            ImageText text = ImageTexts.read(f.path(), bytes);
            if (old != null && old.contentHash().equals(hash)) {
                return new Touched(new ImageRecord(old.id(), path, f.size(), f.mtimeMillis(), hash,
                        old.width(), old.height(), old.takenMillis()), text);
            }
            StoredContent.Reused reused = run.stored.find(f, hash, text, old != null);
            if (reused != null) {
                return new Reused(reused);
            }
            long t1 = System.nanoTime();
            DecodedImage img = decoder.decode(bytes, path);
            run.decodeNanos.add(System.nanoTime() - t1);
            ImageRecord rec = new ImageRecord(ImageIds.forPath(path), path, f.size(), f.mtimeMillis(), hash,
                    img.width(), img.height(), img.takenMillis());
            return new Decoded(rec, img.image(), old != null, img.warnings(), text);
        } catch (ImageDecodeException e) {
            return new Failed(path, e.reason());
        } catch (IOException e) {
            return new Failed(path, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // a decoder bug on one file must not stop the batch
            return new Failed(path, "decoder failed: " + e);
        } catch (OutOfMemoryError e) {
            // the heap, not the file, is the problem (an image too large for it is refused by the decoder itself)
            return new OutOfMemory(path);
        }
    }

    private void reuse(StoredContent.Reused u, Run run) {
        long t = System.nanoTime();
        index.upsert(u.record(), u.vectors(), u.text());
        run.indexNanos.add(System.nanoTime() - t);
        run.reused++;
        if (u.moved()) {
            run.movedFrom.add(u.from());
        }
        run.progress.changed(new FileChange(u.moved() ? FileChange.Kind.MOVED : FileChange.Kind.COPIED,
                u.record().path(), u.from(), null));
        run.changed();
    }

    private void refresh(ImageRecord record, ImageText text, Run run) {
        ImageText stored = index.text(record.id()).orElse(ImageText.UNREAD);
        ImageText kept = text.withOcr(stored.ocrState(), stored.ocr(), stored.ocrNote()); // same pixels, same text
        index.vectors(record.id()).ifPresent(v -> {
            index.upsert(record, v, kept);
            run.changed();
        });
        run.unchanged++;
    }

    private void flush(List<Decoded> batch, Run run) {
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        List<ImageVectors> vectors = model.encodeImages(batch.stream().map(Decoded::image).toList());
        long t1 = System.nanoTime();
        run.encodeNanos.add(t1 - t0);
        for (int i = 0; i < batch.size(); i++) {
            Decoded d = batch.get(i);
            long ti = System.nanoTime();
            index.upsert(d.record(), vectors.get(i), d.text());
            run.indexNanos.add(System.nanoTime() - ti);
            d.warnings().forEach(w -> run.warnings.add(new IndexReport.Warning(d.record().path(), w)));
            if (d.update()) {
                run.updated++;
            } else {
                run.indexed++;
            }
            run.progress.changed(FileChange.of(d.update() ? FileChange.Kind.UPDATED : FileChange.Kind.ADDED,
                    d.record().path()));
            run.encoded++;
            run.progress.advanced(d.record().path());
            run.changed();
        }
        batch.clear();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
