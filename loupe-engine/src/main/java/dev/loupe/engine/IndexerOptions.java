package dev.loupe.engine;

import java.time.Duration;

/**
 * Tuning of an index run.
 *
 * @param decodeThreads threads that read, hash and decode files ahead of the encoder
 * @param batchSize     images per model call
 * @param commitEvery   commit after this many changed documents …
 * @param commitAfter   … or after this much time, whichever comes first
 * @param share         the files this run takes when several workers feed one index ({@link WorkerShare#ALL}: all)
 */
public record IndexerOptions(int decodeThreads, int batchSize, int commitEvery, Duration commitAfter,
                             WorkerShare share) {
    public IndexerOptions {
        if (decodeThreads < 1 || batchSize < 1 || commitEvery < 1) {
            throw new IllegalArgumentException("decodeThreads, batchSize and commitEvery must be >= 1");
        }
        java.util.Objects.requireNonNull(share, "share");
    }

    public IndexerOptions(int decodeThreads, int batchSize, int commitEvery, Duration commitAfter) {
        this(decodeThreads, batchSize, commitEvery, commitAfter, WorkerShare.ALL);
    }

    public IndexerOptions withShare(WorkerShare s) {
        return new IndexerOptions(decodeThreads, batchSize, commitEvery, commitAfter, s);
    }

    public static IndexerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IndexerOptions(Math.max(1, cores), 16, 200, Duration.ofSeconds(20));
    }
}
