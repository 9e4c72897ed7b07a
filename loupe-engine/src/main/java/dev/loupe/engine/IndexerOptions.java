package dev.loupe.engine;

import java.time.Duration;

/**
 * Tuning of an index run.
 *
 * @param decodeThreads threads that read, hash and decode files ahead of the encoder
 * @param batchSize     images per model call
 * @param commitEvery   commit after this many changed documents …
 * @param commitAfter   … or after this much time, whichever comes first
 */
public record IndexerOptions(int decodeThreads, int batchSize, int commitEvery, Duration commitAfter) {
    public IndexerOptions {
        if (decodeThreads < 1 || batchSize < 1 || commitEvery < 1) {
            throw new IllegalArgumentException("decodeThreads, batchSize and commitEvery must be >= 1");
        }
    }

    public static IndexerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IndexerOptions(Math.max(1, cores), 16, 200, Duration.ofSeconds(20));
    }
}
