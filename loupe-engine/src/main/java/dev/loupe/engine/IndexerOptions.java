package dev.loupe.engine;

import dev.loupe.text.ocr.OcrOptions;

import java.time.Duration;

/**
 * Tuning of an index run.
 *
 * @param decodeThreads threads that read, hash and decode files ahead of the encoder (and run OCR in its pass)
 * @param batchSize     images per model call
 * @param commitEvery   commit after this many changed documents …
 * @param commitAfter   … or after this much time, whichever comes first
 * @param share         the files this run takes when several workers feed one index ({@link WorkerShare#ALL}: all)
 * @param ocr           how the OCR pass after the embedding pass runs; null: no OCR pass (images stay queued for a
 *                      later run with OCR)
 */
public record IndexerOptions(int decodeThreads, int batchSize, int commitEvery, Duration commitAfter,
                             WorkerShare share, OcrOptions ocr) {
    public IndexerOptions {
        if (decodeThreads < 1 || batchSize < 1 || commitEvery < 1) {
            throw new IllegalArgumentException("decodeThreads, batchSize and commitEvery must be >= 1");
        }
        java.util.Objects.requireNonNull(share, "share");
    }

    /** All files, without an OCR pass. */
    public IndexerOptions(int decodeThreads, int batchSize, int commitEvery, Duration commitAfter) {
        this(decodeThreads, batchSize, commitEvery, commitAfter, WorkerShare.ALL, null);
    }

    /** Without an OCR pass. */
    public IndexerOptions(int decodeThreads, int batchSize, int commitEvery, Duration commitAfter, WorkerShare share) {
        this(decodeThreads, batchSize, commitEvery, commitAfter, share, null);
    }

    /** All files, with this OCR pass (null: none). */
    public IndexerOptions(int decodeThreads, int batchSize, int commitEvery, Duration commitAfter, OcrOptions ocr) {
        this(decodeThreads, batchSize, commitEvery, commitAfter, WorkerShare.ALL, ocr);
    }

    public IndexerOptions withShare(WorkerShare s) {
        return new IndexerOptions(decodeThreads, batchSize, commitEvery, commitAfter, s, ocr);
    }

    public IndexerOptions withOcr(OcrOptions o) {
        return new IndexerOptions(decodeThreads, batchSize, commitEvery, commitAfter, share, o);
    }

    /** All cores, batches of 16, a commit every 200 changes or 20 s, all files, and the OCR pass with its defaults. */
    public static IndexerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IndexerOptions(Math.max(1, cores), 16, 200, Duration.ofSeconds(20), WorkerShare.ALL,
                OcrOptions.defaults());
    }
}
